# The DataFlash (.bin) and tlog reference for bench/real-corpus.ts: pymavlink (github.com/ArduPilot/pymavlink,
# LGPL-3), message counts and GPS fixes as JSON.
# Usage: python3 mav_ref.py FILE [DIR]   (DIR holds a `pymavlink` package with the ardupilotmega dialect
# generated: python3 tools/mavgen.py --lang=Python3 --wire-protocol=2.0 --no-validate
#   --output=dialects/v20/ardupilotmega.py <mavlink>/message_definitions/v1.0/ardupilotmega.xml)
import json
import os
import sys

os.environ['MAVLINK_DIALECT'] = 'ardupilotmega'
os.environ['MAVLINK20'] = '1'
if len(sys.argv) > 2:
    sys.path.insert(0, sys.argv[2])
from pymavlink import mavutil

m = mavutil.mavlink_connection(sys.argv[1], robust_parsing=True, dialect='ardupilotmega')
counts = {}
fixes = []
while True:
    msg = m.recv_match()
    if msg is None:
        break
    t = msg.get_type()
    counts[t] = counts.get(t, 0) + 1
    if t == 'GPS' and getattr(msg, 'Status', 0) >= 3 and msg.Lat != 0:
        fixes.append([msg.Lat, msg.Lng])
    elif t == 'GPS_RAW_INT' and msg.fix_type >= 3 and msg.lat != 0:
        fixes.append([msg.lat / 1e7, msg.lon / 1e7])
print(json.dumps({'counts': counts, 'fixes': len(fixes), 'first': fixes[0] if fixes else None,
                  'last': fixes[-1] if fixes else None}))
