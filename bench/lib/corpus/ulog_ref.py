# The ULog reference for bench/real-corpus.ts: pyulog (github.com/PX4/pyulog, BSD-3), a JSON summary.
# Usage: python3 ulog_ref.py FILE [PYULOG_DIR]   (PYULOG_DIR: a checkout holding the `pyulog` package)
import json
import sys

if len(sys.argv) > 2:
    sys.path.insert(0, sys.argv[2])
from pyulog import ULog

u = ULog(sys.argv[1])
counts = {}
for d in u.data_list:
    counts[d.name] = counts.get(d.name, 0) + len(d.data['timestamp'])
print(json.dumps({'counts': counts, 'start_us': u.start_timestamp, 'last_us': u.last_timestamp}))
