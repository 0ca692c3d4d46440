export { openPilotData, type PilotData } from './open-pilot-data.ts';
