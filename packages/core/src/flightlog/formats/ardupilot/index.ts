export { boardFromText, firmwareFromText, frameFromText, redactSerials } from './firmware-text.ts';
export { type ArduVehicle, arduModeName, vehicleFromText } from './modes.ts';
export { gpsTimeToUnixMs, type ParamLookup, StickMapper, type StickValues } from './rc-sticks.ts';
