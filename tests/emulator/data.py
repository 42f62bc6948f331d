# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deterministic seeded dataset of the PAI / DataArts Fabric emulator.

The same seed and sizes always give byte-identical data (``json.dumps(build(...), sort_keys=True)``).
"""

import base64
import hashlib
import json
import random
from datetime import datetime, timedelta, timezone

ALIBABA_REGIONS = ('cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'ap-southeast-1', 'eu-central-1')
EMPTY_REGIONS = ('eu-central-1',)
HUAWEI_REGIONS = ('cn-north-4', 'cn-southwest-2')
DEFAULT_ALIBABA_REGION = 'cn-hangzhou'
DEFAULT_HUAWEI_REGION = 'cn-north-4'

CONNECTION_TYPES = (
    'DashScopeConnection', 'OpenLLMConnection', 'MilvusConnection', 'OpenSearchConnection', 'LindormConnection',
    'ElasticsearchConnection', 'HologresConnection', 'RDSConnection', 'CustomConnection',
)
MODEL_CONNECTION_TYPES = ('DashScopeConnection', 'OpenLLMConnection', 'CustomConnection')
MODEL_TYPES = ('LLM', 'Embedding', 'ReRank')
ACCESSIBILITIES = ('PUBLIC', 'PRIVATE')
ENCRYPT_OPTIONS = ('PlainText', 'Secret')
SECRET_PREFIX = 'emulator-secret-'

# Fields returned by ListGateway and by DescribeGateway; a gateway record in the dataset holds both plus
# ResourceName (filter only) and CustomDomains (ListGatewayDomains).
GATEWAY_LIST_FIELDS = ('GatewayId', 'GatewayName', 'InstanceType', 'Replicas', 'Status', 'ChargeType', 'IsDefault',
                       'InternetEnabled', 'InternetDomain', 'IntranetDomain', 'SSLRedirectionEnabled', 'CreateTime',
                       'UpdateTime')
GATEWAY_DESCRIBE_FIELDS = ('GatewayId', 'GatewayName', 'InstanceType', 'Replicas', 'Status', 'IsDefault',
                           'InternetEnabled', 'InternetStatus', 'InternetDomain', 'IntranetDomain',
                           'SSLRedirectionEnabled', 'ExternalClusterId', 'CreateTime', 'UpdateTime')

MODELS = {
    'LLM': ('qwen-max', 'qwen-plus', 'qwen-turbo', 'deepseek-v3', 'deepseek-r1', 'llama3.1-70b-instruct'),
    'Embedding': ('text-embedding-v3', 'bge-large-zh-v1.5', 'gte-embedding-v2'),
    'ReRank': ('gte-rerank', 'bge-reranker-v2-m3'),
}
BASE_MODEL_TYPES = (
    'qwen2.5-72b-instruct', 'qwen2.5-32b-instruct', 'qwen2.5-7b-instruct', 'qwen3-235b-a22b', 'qwen3-32b',
    'deepseek-v3', 'deepseek-r1', 'deepseek-r1-distill-qwen-32b', 'glm-4-9b-chat', 'llama3-8b-instruct',
    'llama3.1-70b-instruct', 'baichuan2-13b-chat', 'chatglm3-6b', 'internlm2-chat-20b', 'mistral-7b-instruct',
    'pangu-nlp-n2', 'pangu-nlp-n4', 'yi-34b-chat',
)
NAME_WORDS = ('prod', 'staging', 'dev', 'analytics', 'search', 'rag', 'chat', 'audit', 'batch', 'finance')
EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)
ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'


def _ts(dt):
    return dt.strftime('%Y-%m-%dT%H:%M:%SZ')


class _Gen(object):
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.used = set()

    def token(self, n, alphabet=ALPHABET):
        while True:
            value = ''.join(self.rng.choice(alphabet) for dummy in range(n))
            if value not in self.used:
                self.used.add(value)
                return value

    def digits(self, n):
        return str(self.rng.randint(1, 9)) + self.token(n - 1, '0123456789')

    def time(self, start=EPOCH, days=640):
        return start + timedelta(seconds=self.rng.randint(0, days * 86400))


def masked_secret(value, seed):
    """What a non-PlainText ListConnections/GetConnection returns for a secret: never the clear value."""
    digest = hashlib.sha256(('%s:%s' % (seed, value)).encode('utf-8')).digest()
    return base64.b64encode(b'\x01ENC' + digest).decode('ascii')


def _models(gen, ctype, public):
    if ctype not in MODEL_CONNECTION_TYPES:
        return None
    result = []
    count = gen.rng.randint(1, 3)
    for idx in range(count):
        if idx == 0:
            mtype = 'LLM'
        else:
            mtype = gen.rng.choice(MODEL_TYPES)
        model = gen.rng.choice(MODELS[mtype])
        if any(m['Model'] == model for m in result):
            continue
        tool_call = mtype == 'LLM' and (public or gen.rng.random() < 0.5)
        result.append({'Model': model, 'DisplayName': '%s (%s)' % (model, mtype), 'ModelType': mtype,
                       'ToolCall': tool_call})
    return result


def _configs_and_secrets(gen, ctype, region):
    tag = gen.token(10)
    secret = SECRET_PREFIX + gen.token(20)
    meta = None
    if ctype == 'DashScopeConnection':
        configs = {'base_url': 'https://dashscope.aliyuncs.com/compatible-mode/v1'}
        secrets = {'api_key': SECRET_PREFIX + 'sk-' + gen.token(24)}
    elif ctype == 'OpenLLMConnection':
        configs = {'base_url': 'https://llm-%s.%s.pai-eas.aliyuncs.com/v1' % (tag, region)}
        secrets = {'api_key': SECRET_PREFIX + 'sk-' + gen.token(24)}
    elif ctype == 'CustomConnection':
        configs = {'endpoint': 'https://custom-%s.example.internal' % tag, 'timeout': '30'}
        secrets = {'api_key': SECRET_PREFIX + 'sk-' + gen.token(24), 'token': secret}
    else:
        prefix = {'MilvusConnection': 'c', 'OpenSearchConnection': 'ha-cn', 'LindormConnection': 'ld',
                  'ElasticsearchConnection': 'es-cn', 'HologresConnection': 'hgpostcn-cn',
                  'RDSConnection': 'rm'}[ctype]
        instance_id = '%s-%s' % (prefix, tag)
        configs = {'host': '%s.%s.emulator.internal' % (instance_id, region), 'port': str(gen.rng.choice((443, 5432, 9200, 19530))),
                   'username': gen.rng.choice(('root', 'admin', 'pai_reader'))}
        secrets = {'password': secret}
        meta = {'InstanceId': instance_id, 'InstanceName': '%s-%s' % (ctype[:-10].lower(), gen.rng.choice(NAME_WORDS)),
                'Extra': json.dumps({'vpcId': 'vpc-' + gen.token(12)}, separators=(',', ':'))}
    return configs, secrets, meta


def _connections(gen, region, count, workspaces, creators):
    result = []
    for idx in range(count):
        ctype = CONNECTION_TYPES[idx % len(CONNECTION_TYPES)]
        public = idx % 3 == 0
        created = gen.time()
        modified = created + timedelta(seconds=gen.rng.randint(0, 90 * 86400))
        configs, secrets, meta = _configs_and_secrets(gen, ctype, region)
        conn = {
            'ConnectionId': 'conn-' + gen.token(14),
            'ConnectionName': '%s-%s-%02d' % (ctype[:-10].lower(), gen.rng.choice(NAME_WORDS), idx),
            'ConnectionType': ctype,
            'WorkspaceId': workspaces[idx % 2],
            'Accessibility': 'PUBLIC' if public else 'PRIVATE',
        }
        if idx % 7 != 3:
            conn['Creator'] = creators[idx % len(creators)]
        if idx % 5 != 2:
            conn['Description'] = 'Emulator %s connection %d in %s' % (ctype, idx, region)
        conn['GmtCreateTime'] = _ts(created)
        conn['GmtModifiedTime'] = _ts(modified)
        conn['Configs'] = configs
        conn['Secrets'] = secrets
        if meta:
            conn['ResourceMeta'] = meta
        conn['Models'] = _models(gen, ctype, public) or []
        result.append(conn)
    return result


def _gateways(gen, region, count):
    result = []
    for idx in range(count):
        gid = 'gw-' + gen.token(18)
        internet = idx in (0, 1) or (idx > 2 and gen.rng.random() < 0.5)
        created = gen.time()
        gw = {
            'GatewayId': gid,
            'GatewayName': 'gateway-%s-%d' % (gen.rng.choice(NAME_WORDS), idx),
            'InstanceType': gen.rng.choice(('ecs.c7.large', 'ecs.c7.xlarge', 'ecs.g7.2xlarge')),
            'Replicas': gen.rng.randint(1, 4),
            'Status': 'Stopped' if idx == 2 else ('Failed' if idx > 2 and gen.rng.random() < 0.2 else 'Running'),
            'ChargeType': gen.rng.choice(('PostPaid', 'PrePaid')),
            'IsDefault': idx == 0,
            'InternetEnabled': internet,
            'InternetStatus': 'Enabled' if internet else 'Disabled',
            'InternetDomain': '%s.%s.pai-eas.aliyuncs.com' % (gid, region),
            'IntranetDomain': '%s-vpc.%s.pai-eas.aliyuncs.com' % (gid, region),
            'SSLRedirectionEnabled': idx == 1 or (idx > 2 and gen.rng.random() < 0.5),
            'ExternalClusterId': '',
            'CreateTime': _ts(created),
            'UpdateTime': _ts(created + timedelta(seconds=gen.rng.randint(0, 60 * 86400))),
            'ResourceName': 'eas-r-' + gen.token(10),
        }
        domains = []
        for didx in range(1 if idx == 2 else gen.rng.randint(2, 3)):
            dtype = 'internet' if didx % 2 == 0 else 'intranet'
            domain = {'Domain': 'svc%d-%s.%s.emulator-example.com' % (didx, gen.token(6), region), 'Type': dtype}
            if dtype == 'internet' and not (idx == 0 and didx == 0) and gen.rng.random() < 0.6:
                domain['CertificateId'] = '%s-%s' % (gen.digits(8), region)
            domains.append(domain)
        gw['CustomDomains'] = domains
        result.append(gw)
    return result


def _instances(gen, region, count):
    result = []
    for idx in range(count):
        created = gen.time()
        component = {'ComponentCode': gen.rng.choice(('Hologres', 'MaxCompute', 'FeatureStore')), 'Type': 'DataManagement',
                     'Meta': {'InstanceId': 'hgprecn-cn-' + gen.token(10)}}
        result.append({
            'InstanceId': 'pairec-cn-' + gen.token(12),
            'Type': ('basic', 'standard', 'advance')[idx % 3],
            'Status': ('Running', 'Running', 'Stopped', 'Initializing')[idx % 4],
            'ChargeType': 'PrePaid',
            'CommodityCode': 'airec_pairec_public_cn',
            'RegionId': region,
            'GmtCreateTime': _ts(created),
            'GmtModifiedTime': _ts(created + timedelta(days=gen.rng.randint(0, 30))),
            'ExpiredTime': _ts(created + timedelta(days=365)),
            'OperatingTool': {'IsEnable': idx % 2 == 0},
            'Config': {'DataManagements': [component],
                       'Engines': [{'ComponentCode': 'PAI-EAS', 'Type': 'Engine', 'Meta': {'Region': region}}],
                       'Monitors': []},
        })
    return result


def _base_models(gen, count):
    names = list(BASE_MODEL_TYPES)
    gen.rng.shuffle(names)
    while len(names) < count:
        names.append('emulator-base-model-%d' % len(names))
    result = []
    for idx, name in enumerate(names[:count]):
        max_tokens = (2048, 1024, 3072)[idx % 3] if idx % 4 == 1 else gen.rng.choice((4096, 8192, 32768, 131072))
        result.append({'base_model_type': name, 'max_tokens': max_tokens, 'num_of_mu': gen.rng.choice((1, 2, 4, 8, 16, 32, 64, 128))})
    return result


def _workspaces(gen, region, project_id):
    result = []
    for idx in range(3):
        wid = gen.token(32, '0123456789abcdef')
        result.append({
            'id': wid,
            'name': 'fabric-%s-%s' % (gen.rng.choice(NAME_WORDS), idx),
            'description': 'Emulator workspace %d in %s' % (idx, region),
            'create_time': _ts(gen.time()),
            'create_domain_name': 'emulator-domain',
            'create_user_name': 'emulator-user',
            'metastore_id': gen.token(32, '0123456789abcdef'),
            'access_url': 'https://%s.fabric.%s.myhuaweicloud.com' % (wid[:12], region),
            'enterprise_project_id': '0' if idx != 2 else gen.token(8, '0123456789abcdef') + '-0000-4000-8000-' + gen.token(12, '0123456789abcdef'),
        })
    return result


def build(seed=7, connections_per_region=25, gateways_per_region=3, base_models=12, project_id='0123456789abcdef0123456789abcdef',
          alibaba_regions=None):
    """Return the whole dataset: a JSON-serialisable dict keyed by kind then region.

    alibaba_regions: None for the default regions (ALIBABA_REGIONS, EMPTY_REGIONS empty), else the Alibaba regions to
    serve instead, every one of them populated (benchmarks use it for more regions).
    """
    gen = _Gen(seed)
    creators = [gen.digits(16) for dummy in range(3)]
    regions = ALIBABA_REGIONS if alibaba_regions is None else tuple(alibaba_regions)
    empty_regions = EMPTY_REGIONS if alibaba_regions is None else ()
    dataset = {'seed': seed, 'alibaba_regions': list(regions), 'huawei_regions': list(HUAWEI_REGIONS),
               'connections': {}, 'gateways': {}, 'instances': {}, 'base_models': {}, 'workspaces': {},
               'workspace_ids': {}}
    for region in regions:
        empty = region in empty_regions
        workspaces = [gen.digits(6), gen.digits(6)]
        dataset['workspace_ids'][region] = workspaces
        dataset['connections'][region] = [] if empty else _connections(gen, region, connections_per_region, workspaces, creators)
        dataset['gateways'][region] = [] if empty else _gateways(gen, region, gateways_per_region)
        dataset['instances'][region] = [] if empty else _instances(gen, region, gen.rng.randint(2, 4))
    for region in HUAWEI_REGIONS:
        dataset['base_models'][region] = _base_models(gen, base_models)
        dataset['workspaces'][region] = _workspaces(gen, region, project_id)
    dataset['message_config'] = {
        'SmsReportUrl': 'https://mns-%s.emulator.internal/sms/report' % gen.token(8),
        'SmsUpUrl': 'https://mns-%s.emulator.internal/sms/up' % gen.token(8),
    }
    return dataset
