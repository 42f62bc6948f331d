#!/usr/bin/env bash
set -eu
source ../setup_emulator/emulator.sh
# The playbook passes endpoint_url itself; unset the variable so that its absence is tested too.
unset PAI_CATALOG_ENDPOINT_URL
ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" \
    -e "emulator_url=$PAI_EMULATOR_URL" playbook.yml "$@"
ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" \
    -e "emulator_url=$PAI_EMULATOR_URL" playbook.yml --check "$@"
