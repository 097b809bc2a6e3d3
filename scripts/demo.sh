#!/usr/bin/env bash
# Run the main job: identification of the embedded sample county.
source "$(dirname "$0")/_env.sh"
exec jingzhun demo "$@"
