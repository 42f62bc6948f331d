# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line: python -m tests.emulator [options] (see README.md)."""

import argparse
import json
import signal
import sys
import threading

from .auth import DEFAULT_CREDENTIALS
from .faults import ConfigError, parse_faults
from .server import Emulator


def build_parser():
    parser = argparse.ArgumentParser(prog='python -m tests.emulator', description='Alibaba PAI / Huawei DataArts Fabric HTTP emulator')
    parser.add_argument('--host', default='127.0.0.1', help='loopback address to bind (127.0.0.1, localhost or ::1)')
    parser.add_argument('--port', type=int, default=8765, help='port, 0 picks a free one')
    parser.add_argument('--latency-ms', type=int, default=0)
    parser.add_argument('--fault-rate', type=float, default=0.0)
    parser.add_argument('--faults', default=None, help='comma-separated fault kinds (default: all)')
    parser.add_argument('--qps', type=float, default=None)
    parser.add_argument('--connections-per-region', type=int, default=25)
    parser.add_argument('--gateways-per-region', type=int, default=3)
    parser.add_argument('--base-models', type=int, default=12)
    parser.add_argument('--alibaba-regions', default=None, metavar='R1,R2,...',
                        help='serve these Alibaba regions instead of the default five, every one populated')
    parser.add_argument('--seed', type=int, default=7)
    parser.add_argument('--tls', action='store_true')
    parser.add_argument('--cert-dir', default=None)
    parser.add_argument('--ready-file', default=None)
    parser.add_argument('--quiet', action='store_true', help='print nothing (no request log, no start-up lines)')
    for name in sorted(DEFAULT_CREDENTIALS):
        parser.add_argument('--' + name.replace('_', '-'), dest='cred_' + name, default=None, metavar='VALUE',
                            help='credential override (default %s)' % DEFAULT_CREDENTIALS[name])
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        parse_faults(args.faults)
        creds = dict((k[5:], v) for k, v in vars(args).items() if k.startswith('cred_') and v is not None)
        emulator = Emulator(host=args.host, port=args.port, latency_ms=args.latency_ms, fault_rate=args.fault_rate,
                            faults=args.faults, qps=args.qps, connections_per_region=args.connections_per_region,
                            gateways_per_region=args.gateways_per_region, base_models=args.base_models, seed=args.seed,
                            tls=args.tls, cert_dir=args.cert_dir, quiet=args.quiet, credentials=creds,
                            alibaba_regions=args.alibaba_regions)
        emulator.start()
    except (ConfigError, ValueError, OSError) as exc:
        sys.stderr.write('emulator: %s\n' % exc)
        return 2
    if not args.quiet:  # --quiet prints nothing: --ready-file holds the URL and the credentials
        print('PAI emulator listening on %s' % emulator.base_url)
        print('credentials: %s' % json.dumps(emulator.credentials, sort_keys=True))
        if emulator.ca_file:
            print('ca_file: %s' % emulator.ca_file)
        sys.stdout.flush()
    if args.ready_file:
        emulator.write_ready_file(args.ready_file)
    stop = threading.Event()

    def _stop(signum, frame):  # pylint: disable=unused-argument
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stop.wait(0.5):
        pass
    emulator.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
