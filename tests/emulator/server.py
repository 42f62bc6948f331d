# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP(S) server of the emulator: routing, regions, auth, knobs, control API and the Emulator object."""

import collections
import json
import os
import re
import socket
import sys
import tempfile
import threading
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote

from . import auth as A
from . import data as D
from . import faults as F
from . import ops as O

LOOPBACK_HOSTS = ('127.0.0.1', 'localhost', '::1')
REGION_PREFIX_RE = re.compile(r'^/r/([^/?]+)(/.*)?$')
HOST_REGION_RE = re.compile(r'^[a-z0-9-]+\.([a-z0-9-]+)\.(aliyuncs\.com|myhuaweicloud\.com)$')
PRODUCT_ROUTES = (
    (re.compile(r'^/api/v1/connections$'), 'AIWorkSpace', 'ListConnections', ()),
    (re.compile(r'^/api/v1/connections/([^/]+)$'), 'AIWorkSpace', 'GetConnection', ('ConnectionId',)),
    (re.compile(r'^/api/v2/gateways$'), 'eas', 'ListGateway', ()),
    (re.compile(r'^/api/v2/gateways/([^/]+)/([^/]+)$'), 'eas', 'DescribeGateway', ('ClusterId', 'GatewayId')),
    (re.compile(r'^/api/v2/gateways/([^/]+)/([^/]+)/domains$'), 'eas', 'ListGatewayDomains', ('ClusterId', 'GatewayId')),
    (re.compile(r'^/api/v2/users/messageConfig$'), 'PaiPlugin', 'GetMessageConfig', ()),
    (re.compile(r'^/api/v1/instances$'), 'PaiRecService', 'ListInstances', ()),
)
ABSOLUTE_TARGET_RE = re.compile(r'^https?://[^/?]*(.*)$')
GATEWAY_FORM_RE = re.compile(r'^/api/([^/]+)/([^/]+)/([^/]+)$')
VERSIONS = {'AIWorkSpace': '2021-02-04', 'eas': '2021-07-01', 'PaiPlugin': '2022-01-12', 'PaiRecService': '2022-12-13'}
SERVICES = dict((name.lower(), name) for name in VERSIONS)
PRODUCT_HOSTS = {'AIWorkSpace': 'aiworkspace', 'eas': 'pai-eas', 'PaiPlugin': 'paiplugin', 'PaiRecService': 'pairecservice'}
INTERNATIONAL = ('ap-southeast-1', 'eu-central-1')


class Call(object):
    """Everything the server learned about one API request."""

    def __init__(self, method, raw_path, raw_query, headers, body):
        self.method, self.raw_path, self.raw_query, self.headers, self.body = method, raw_path, raw_query, headers, body
        self.params = dict(parse_qsl(raw_query, keep_blank_values=True))
        self.vendor = 'alibaba'
        self.mode = 'unknown'   # product | gateway | huawei | iam | unknown
        self.product = None
        self.operation = None
        self.region = None
        self.region_ok = True
        self.auth = 'none'
        self.fault = None
        self.request_id = str(uuid.uuid4()).upper()
        self.path = raw_path
        self.gateway_version = None

    def route(self, alibaba_regions=D.ALIBABA_REGIONS):
        path = self.raw_path
        prefix_region = None
        match = REGION_PREFIX_RE.match(path)
        if match:
            prefix_region, path = unquote(match.group(1)), match.group(2) or '/'
        self.path = path
        host = self.headers.get('host', '').rsplit(':', 1)[0].lower() if not self.headers.get('host', '').startswith('[') else ''
        host_match = HOST_REGION_RE.match(host)
        if path == '/v3/auth/tokens':
            self.vendor, self.mode, self.operation = 'huawei', 'iam', 'KeystoneCreateUserTokenByPassword'
        elif path in O.HUAWEI_OPERATIONS and self.method == 'GET':
            self.vendor, self.mode, self.product = 'huawei', 'huawei', 'DataArtsFabric'
            self.operation = O.HUAWEI_OPERATIONS[path][0]
        elif re.match(r'^/v[0-9]+(/|$)', path) or host.endswith('myhuaweicloud.com'):
            self.vendor = 'huawei'
        else:
            self._route_alibaba(path)
        gateway_region = self.params.get('RegionId') if self.mode == 'gateway' else None
        host_region = host_match.group(1) if host_match else None
        default = D.DEFAULT_HUAWEI_REGION if self.vendor == 'huawei' else D.DEFAULT_ALIBABA_REGION
        self.region = prefix_region or gateway_region or host_region or default
        known = D.HUAWEI_REGIONS if self.vendor == 'huawei' else alibaba_regions
        self.region_ok = self.region in known

    def _route_alibaba(self, path):
        for regex, product, operation, names in PRODUCT_ROUTES:
            match = regex.match(path)
            if match:
                self.mode, self.product, self.operation = 'product', product, operation
                for name, value in zip(names, match.groups()):
                    self.params[name] = unquote(value)
                return
        match = GATEWAY_FORM_RE.match(path)
        if match and match.group(1).lower() in SERVICES:
            self.mode = 'gateway'
            self.product = SERVICES[match.group(1).lower()]
            self.operation = match.group(3)
            self.gateway_version = match.group(2)

    @property
    def host_id(self):
        if self.mode == 'gateway':
            return 'api.alibabacloud.com' if self.region in INTERNATIONAL else 'api.aliyun.com'
        host = PRODUCT_HOSTS.get(self.product, 'pai')
        return '%s.aliyuncs.com' % host if self.product == 'PaiPlugin' else '%s.%s.aliyuncs.com' % (host, self.region)


class Stats(object):
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.requests = 0
        self.by_operation = collections.Counter()
        self.by_region = collections.Counter()
        self.by_status = collections.Counter()
        self.by_fault = collections.Counter()
        self.log = collections.deque(maxlen=500)

    def record(self, call, status):
        with self.lock:
            self.requests += 1
            self.by_operation[call.operation or 'Unknown'] += 1
            self.by_region[call.region or 'none'] += 1
            self.by_status[str(status)] += 1
            entry = {'method': call.method, 'path': call.raw_path, 'operation': call.operation or 'Unknown',
                     'region': call.region, 'status': status, 'auth': call.auth}
            if call.fault:
                entry['fault'] = call.fault
                self.by_fault[call.fault] += 1
            self.log.append(entry)

    def snapshot(self):
        with self.lock:
            return {'requests': self.requests, 'by_operation': dict(self.by_operation), 'by_region': dict(self.by_region),
                    'by_status': dict(self.by_status), 'by_fault': dict(self.by_fault), 'log': list(self.log)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'PAIEmulator/1.0'
    sys_version = ''
    current_call = None

    def version_string(self):
        return self.server_version

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if not self.server.emulator.quiet:
            sys.stderr.write('%s - %s\n' % (self.address_string(), format % args))

    def _body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length > 0 else b''

    def _send(self, status, payload, headers=None, content_type='application/json;charset=utf-8', truncate=False):
        if isinstance(payload, (dict, list)):
            raw = json.dumps(payload).encode('utf-8')
        else:
            raw = (payload or '').encode('utf-8')
        self._record(status)
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(raw)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if truncate:
            self.send_header('Connection', 'close')
        self.end_headers()
        self.wfile.write(raw[:len(raw) // 2] if truncate else raw)
        self.wfile.flush()
        if truncate:
            self.close_connection = True

    def _dispatch(self):
        target = self.path
        absolute = ABSOLUTE_TARGET_RE.match(target)
        if absolute:
            # A client that uses the emulator as its HTTP proxy sends the absolute form (GET http://host/path):
            # serve it as the origin would, region from the Host header.
            target = absolute.group(1) or '/'
        raw_path, dummy, raw_query = target.partition('?')
        body = self._body()
        if raw_path.startswith('/_emulator/'):
            return self._control(raw_path, body)
        headers = dict((k.lower(), v) for k, v in self.headers.items())
        call = Call(self.command, raw_path, raw_query, headers, body)
        call.route(self.server.emulator.data['alibaba_regions'])
        self.current_call = call
        self._api(call)
        return None

    def _record(self, status):
        # Recorded before the response is written, so a client that has its answer always sees it in the stats.
        call, self.current_call = getattr(self, 'current_call', None), None
        if call is not None:
            self.server.emulator.stats_obj.record(call, status)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _dispatch

    # ------------------------------------------------------------ control API

    def _control(self, path, body):
        emu = self.server.emulator
        if path == '/_emulator/stats' and self.command == 'GET':
            return self._send(200, emu.stats())
        if path == '/_emulator/reset' and self.command == 'POST':
            emu.reset()
            return self._send(200, {'reset': True})
        if path == '/_emulator/config' and self.command == 'GET':
            return self._send(200, emu.knobs.snapshot())
        if path == '/_emulator/config' and self.command == 'POST':
            try:
                return self._send(200, emu.knobs.update(json.loads(body.decode('utf-8') or '{}')))
            except (ValueError, F.ConfigError, AttributeError) as exc:
                return self._send(400, {'error': str(exc)})
        if path == '/_emulator/data' and self.command == 'GET':
            return self._send(200, emu.data_json, content_type='application/json')
        return self._send(404, {'error': 'unknown control endpoint %s %s' % (self.command, path)})

    # ------------------------------------------------------------ API requests

    def _error(self, call, status, code, message, recommend=None, solution=None, headers=None):
        headers = dict(headers or {})
        if call.vendor == 'huawei':
            headers['X-Request-Id'] = call.request_id
            if code == A.TOKEN_FORBIDDEN:
                body = {'error': {'code': '403', 'message': message, 'title': 'Forbidden'},
                        'error_code': 403, 'error_msg': message, 'title': 'Forbidden'}
            else:
                body = {'error_code': code, 'error_msg': message}
                if solution:
                    body['solution_msg'] = solution
        elif call.product == 'PaiPlugin' and call.mode == 'product':
            headers['x-acs-request-id'] = call.request_id
            body = {'requestId': call.request_id, 'code': code, 'message': message}
        else:
            headers['x-acs-request-id'] = call.request_id
            body = {'RequestId': call.request_id, 'HostId': call.host_id, 'Code': code, 'Message': message,
                    'Recommend': recommend or 'https://api.aliyun.com/troubleshoot?q=%s&product=%s' % (code, call.product or 'PAI')}
        self._send(status, body, headers)
        return status

    def _ok(self, call, body, status=200, headers=None):
        headers = dict(headers or {})
        body_fault = self.server.emulator.knobs.body_fault
        if body_fault:
            # What a proxy or a captive portal answers instead of the API: 200 and no JSON at all.
            call.fault = 'body-' + body_fault
            page = '<html><body><h1>Sign in to the network</h1></body></html>' if body_fault == 'html' else ''
            self._send(200, page, content_type='text/html')
            return 200
        if call.vendor == 'huawei':
            headers['X-Request-Id'] = call.request_id
        else:
            headers['x-acs-request-id'] = call.request_id
            body['RequestId'] = call.request_id
        self._send(status, body, headers, truncate=call.fault == 'truncate')
        return status

    def _api(self, call):
        emu = self.server.emulator
        knobs = emu.knobs
        knobs.sleep()
        if call.mode == 'unknown':
            if call.vendor == 'huawei':
                return self._error(call, 404, 'APIG.0101', 'The API does not exist or has not been published in the environment.')
            return self._error(call, 404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.')
        if not call.region_ok:
            if call.vendor == 'huawei':
                return self._error(call, 404, 'APIG.0101', 'The API does not exist in region %s.' % call.region)
            return self._error(call, 404, 'InvalidRegionId', 'The specified region %s does not exist.' % call.region)
        if call.mode == 'iam':
            return self._iam(call)
        if call.region in knobs.down_regions:
            call.fault = 'down-region'
            return self._fault(call, '503')
        if not knobs.take_token():
            call.fault = 'qps'
            return self._fault(call, '429')
        if knobs.echo_headers:
            call.fault = 'echo-' + knobs.echo_headers
            return self._echo(call, knobs.echo_headers)
        kind = knobs.pick_fault()
        if kind and kind != 'truncate':
            call.fault = kind
            return self._fault(call, kind)
        call.fault = kind
        try:
            if call.vendor == 'huawei':
                call.auth = emu.huawei_auth.check(call.method, call.raw_path, call.raw_query, call.headers, call.body,
                                                  now=knobs.now())
                handler = O.HUAWEI_OPERATIONS[call.path][1]
                return self._ok(call, self._answer(call, handler))
            return self._alibaba(call)
        except A.AuthError as exc:
            call.fault = None
            return self._error(call, exc.status, exc.code, exc.message)
        except O.ApiError as exc:
            call.fault = None
            return self._error(call, exc.status, exc.code, exc.message, exc.recommend, exc.solution)

    def _alibaba(self, call):
        emu = self.server.emulator
        if call.mode == 'gateway':
            if call.method != 'GET' or (call.product, call.gateway_version, call.operation) not in O.ALIBABA_OPERATIONS:
                call.fault = None
                return self._error(call, 404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.')
            call.auth = emu.alibaba_auth.gateway(call.headers)
        else:
            if call.method != 'GET':
                call.fault = None
                return self._error(call, 404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.')
            call.auth = emu.alibaba_auth.product(call.method, call.raw_path, call.raw_query, call.headers, call.body,
                                                 now=emu.knobs.now())
            if call.headers.get('x-acs-action') != call.operation:
                raise O.ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.')
            if call.headers.get('x-acs-version') != VERSIONS[call.product]:
                raise O.ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.')
        for name in O.REQUIRED_PARAMS.get(call.operation, ()):
            if not call.params.get(name):
                raise O.ApiError(400, 'MissingParameter', 'The input parameter "%s" that is mandatory for processing this request is not supplied.' % name)
        handler = O.ALIBABA_OPERATIONS[(call.product, VERSIONS[call.product], call.operation)]
        if call.operation == 'GetMessageConfig':
            body = handler(emu.data, call.region, call.params, emu.knobs.message_config_error_code)
        else:
            body = self._answer(call, handler)
        return self._ok(call, body)

    def _answer(self, call, handler):
        """The handler's answer, bent by the paging_anomaly knob where it applies."""
        emu = self.server.emulator
        kind = emu.knobs.paging_anomaly
        body = O.paging_anomaly(kind, call.operation, handler, emu.data, call.region, call.params) if kind else None
        if body is not None:
            call.fault = call.fault or kind
            return body
        return handler(emu.data, call.region, call.params)

    def _fault(self, call, kind):
        if kind == 'drop':
            self._record(0)
            self.close_connection = True
            return 0
        status, body, headers, html = F.fault_response(kind, call.vendor)
        if html is not None:
            self._send(status, html, content_type='text/html')
            return status
        return self._error(call, status, body.get('Code') or body.get('error_code'), body.get('Message') or body.get('error_msg'),
                           headers=headers)

    def _echo(self, call, shape):
        """A misconfigured gateway's refusal that repeats the request headers, credentials included."""
        if shape == 'json':
            code = 'common.00000400' if call.vendor == 'huawei' else 'BadRequest'
            return self._error(call, 400, code, F.echo_message(call.headers))
        self._send(400, F.echo_text(shape, call.headers), content_type='text/html' if shape == 'html' else 'text/plain')
        return 400

    def _iam(self, call):
        creds = self.server.emulator.creds
        try:
            req = json.loads(call.body.decode('utf-8'))
            identity = req['auth']['identity']
            user = identity['password']['user']
            if call.method != 'POST' or 'password' not in identity['methods']:
                raise ValueError('unsupported method')
            name, password, domain = user['name'], user['password'], user['domain']['name']
            scope = req['auth'].get('scope', {}).get('project', {}).get('name') or call.region
        except (ValueError, KeyError, TypeError, AttributeError):
            return self._iam_error(call, 400, 'The request body is invalid.', 'Bad Request')
        if (name, password, domain) != (creds['huawei_iam_user'], creds['huawei_iam_password'], creds['huawei_iam_domain']):
            return self._iam_error(call, 401, 'The username or password is wrong.', 'Unauthorized')
        now = datetime.now(timezone.utc)
        fmt = '%Y-%m-%dT%H:%M:%S.000000Z'
        body = {'token': {
            'expires_at': (now + timedelta(hours=24)).strftime(fmt), 'issued_at': now.strftime(fmt), 'methods': ['password'],
            'user': {'name': name, 'id': 'emulator-user-id', 'domain': {'name': domain, 'id': 'emulator-domain-id'},
                     'password_expires_at': ''},
            'project': {'name': scope, 'id': creds['huawei_project_id'], 'domain': {'name': domain, 'id': 'emulator-domain-id'}},
        }}
        self._send(201, body, {'X-Subject-Token': creds['huawei_iam_token'], 'X-Request-Id': call.request_id})
        return 201

    def _iam_error(self, call, status, message, title):
        self._send(status, {'error': {'code': status, 'message': message, 'title': title}}, {'X-Request-Id': call.request_id})
        return status


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, emulator, ssl_context=None):
        if ':' in address[0]:
            self.address_family = socket.AF_INET6
        self.emulator = emulator
        self.ssl_context = ssl_context
        ThreadingHTTPServer.__init__(self, address, Handler)

    def get_request(self):
        sock, addr = self.socket.accept()
        if self.ssl_context is not None:
            sock = self.ssl_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def handle_error(self, request, client_address):
        if not self.emulator.quiet:
            ThreadingHTTPServer.handle_error(self, request, client_address)


def make_self_signed_cert(cert_dir):
    """Write cert.pem / key.pem for 127.0.0.1 and localhost into cert_dir; return their paths."""
    import ipaddress  # pylint: disable=import-outside-toplevel
    from cryptography import x509  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives import hashes, serialization  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives.asymmetric import ec  # pylint: disable=import-outside-toplevel
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # pylint: disable=import-outside-toplevel

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'PAI emulator localhost')])
    now = datetime.now(timezone.utc)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName('localhost'), x509.IPAddress(ipaddress.ip_address('127.0.0.1')),
                                                        x509.IPAddress(ipaddress.ip_address('::1'))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(ski, critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
            .sign(key, hashes.SHA256()))
    os.makedirs(cert_dir, exist_ok=True)
    cert_path, key_path = os.path.join(cert_dir, 'cert.pem'), os.path.join(cert_dir, 'key.pem')
    with open(cert_path, 'wb') as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'wb') as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


class Emulator(object):
    """One emulator instance. Use start() (module level) or Emulator(...).start(); stop() when done."""

    def __init__(self, host='127.0.0.1', port=0, latency_ms=0, fault_rate=0.0, faults=None, qps=None,
                 connections_per_region=25, gateways_per_region=3, base_models=12, seed=7, tls=False, cert_dir=None,
                 ready_file=None, quiet=True, credentials=None, alibaba_regions=None):
        if host not in LOOPBACK_HOSTS:
            raise ValueError('the emulator only listens on loopback (%s), not %r' % (', '.join(LOOPBACK_HOSTS), host))
        self.host = '127.0.0.1' if host == 'localhost' else host
        self.requested_port = port
        self.quiet = quiet
        self.tls = tls
        self.cert_dir = cert_dir
        self.ready_file = ready_file
        self.ca_file = None
        self.creds = dict(A.DEFAULT_CREDENTIALS)
        self.creds.update(dict((k, v) for k, v in (credentials or {}).items() if v is not None))
        unknown = set(self.creds) - set(A.DEFAULT_CREDENTIALS)
        if unknown:
            raise ValueError('unknown credential names: %s' % ', '.join(sorted(unknown)))
        self.knobs = F.Knobs(latency_ms, fault_rate, faults, qps, seed)
        if alibaba_regions is not None:
            alibaba_regions = [r.strip() for r in (alibaba_regions.split(',') if isinstance(alibaba_regions, str) else alibaba_regions) if r.strip()]
            bad = [r for r in alibaba_regions if not re.match(r'^[a-z]{2,}(-[a-z0-9]+){1,4}$', r)]
            if bad or not alibaba_regions or len(set(alibaba_regions)) != len(alibaba_regions):
                raise ValueError('alibaba_regions must be distinct region IDs such as cn-hangzhou, not %r' % (alibaba_regions,))
        self.data = D.build(seed, connections_per_region, gateways_per_region, base_models, self.creds['huawei_project_id'],
                            alibaba_regions=alibaba_regions)
        self.data_json = json.dumps(self.data, sort_keys=True)
        self.nonces = A.NonceCache()
        self.alibaba_auth = A.AlibabaAuth(self.creds, self.nonces)
        self.huawei_auth = A.HuaweiAuth(self.creds)
        self.stats_obj = Stats()
        self.httpd = None
        self.thread = None
        self.port = None
        self.base_url = None

    @property
    def credentials(self):
        return dict(self.creds)

    def start(self):
        context = None
        if self.tls:
            import ssl  # pylint: disable=import-outside-toplevel
            cert_dir = self.cert_dir or tempfile.mkdtemp(prefix='pai-emulator-tls-')
            self.ca_file, key_file = make_self_signed_cert(cert_dir)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.ca_file, key_file)
        self.httpd = _Server((self.host, self.requested_port), self, context)
        self.port = self.httpd.server_address[1]
        host = '[%s]' % self.host if ':' in self.host else self.host
        self.base_url = '%s://%s:%d' % ('https' if self.tls else 'http', host, self.port)
        self.thread = threading.Thread(target=self.httpd.serve_forever, name='pai-emulator', daemon=True)
        self.thread.start()
        if self.ready_file:
            self.write_ready_file(self.ready_file)
        return self

    def ready_info(self):
        return {'base_url': self.base_url, 'port': self.port, 'tls': bool(self.tls), 'ca_file': self.ca_file,
                'credentials': self.credentials}

    def write_ready_file(self, path):
        tmp = '%s.tmp.%d' % (path, os.getpid())
        with open(tmp, 'w') as handle:
            json.dump(self.ready_info(), handle, indent=2, sort_keys=True)
        os.replace(tmp, path)

    def stats(self):
        return self.stats_obj.snapshot()

    def reset(self):
        with self.stats_obj.lock:
            self.stats_obj.reset()
        self.nonces.clear()

    def configure(self, **changes):
        return self.knobs.update(changes)

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def __enter__(self):
        return self if self.httpd is not None else self.start()

    def __exit__(self, *exc):
        self.stop()


def start(**options):
    """Start an emulator in a background thread and return it (options: see Emulator)."""
    return Emulator(**options).start()
