-- A filtered or sorted flight list needs each log's start, duration, distance, altitude and aircraft.
-- They stay sealed with the pilot's key (flight logs are encrypted at rest), but in a column of their
-- own (~170 bytes) beside `meta` (~2 KB: file name, message counts, warnings), so opening a pilot's
-- 10,000 logs for their list reads and decrypts a tenth of the bytes. Logs imported before have NULL
-- here and are read from `meta`.
ALTER TABLE flightlogs ADD COLUMN list_keys bytea;
