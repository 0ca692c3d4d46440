/**
 * Data, not logic: what drone control/video links may use under each regulator. Every regime
 * names its sources; `verified: false` marks figures not yet checked against the regulator's own
 * text (docs/radio-rules.md lists what was checked and where). When a figure is uncertain the
 * lower value is entered, because a cap set too low only shortens range while one set too high
 * breaks the law. Bump RADIO_TABLE_VERSION on every change: clients cache answers by it.
 */
import type { RadioBand, RadioRegime } from './types.ts';

/**
 * The date of the table's last change; every RadioRules answer carries it.
 *
 * @example
 * if (cached.tableVersion !== RADIO_TABLE_VERSION) refresh();
 */
export const RADIO_TABLE_VERSION = '2026-11-24';

/** The regime used for unknown countries and as the floor of every ambiguous answer. */
export const DEFAULT_REGIME_ID = 'DEFAULT';

const ISM_24: Pick<RadioBand, 'id' | 'minMHz' | 'maxMHz' | 'licenceRequired'> = {
  id: '2.4GHz',
  minMHz: 2400,
  maxMHz: 2483.5,
  licenceRequired: false,
};

const CEPT_BANDS: readonly RadioBand[] = [
  {
    ...ISM_24,
    maxEirpDbm: 20,
    notes: 'Wideband data transmission, ERC/REC 70-03 Annex 3, ETSI EN 300 328: 100 mW e.i.r.p.',
  },
  {
    id: '5.8GHz',
    minMHz: 5725,
    maxMHz: 5875,
    maxEirpDbm: 14,
    licenceRequired: false,
    notes: 'Non-specific short-range devices, ERC/REC 70-03 Annex 1, ETSI EN 300 440: 25 mW e.i.r.p.',
  },
];

const FCC_STYLE_BANDS: readonly RadioBand[] = [
  {
    ...ISM_24,
    maxEirpDbm: 36,
    notes: '1 W conducted with up to 6 dBi antenna gain; more gain lowers the allowed conducted power.',
  },
  {
    id: '5.8GHz',
    minMHz: 5725,
    maxMHz: 5850,
    maxEirpDbm: 36,
    licenceRequired: false,
    notes: '1 W conducted with up to 6 dBi antenna gain (digital modulation / U-NII-3).',
  },
];

export const RADIO_REGIMES: Readonly<Record<string, RadioRegime>> = {
  DEFAULT: {
    id: 'DEFAULT',
    regulator: 'none (Airlock conservative default)',
    bands: [{ ...ISM_24, maxEirpDbm: 20, notes: 'Only the 2.4 GHz ISM band, at the CE level.' }],
    source:
      'Airlock policy: the most restrictive common denominator (2.4 GHz only, 20 dBm) when the country is unknown; see docs/radio-rules.md',
    verified: false,
    notes: 'Not a regulation: use it only until the country is known, then follow the national rules.',
  },
  CEPT: {
    id: 'CEPT',
    regulator: 'EU/EEA national administrations under CEPT/ECC and the EU SRD decision; OFCOM (CH)',
    bands: CEPT_BANDS,
    source:
      'ERC Recommendation 70-03 (Annexes 1 and 3), https://docdb.cept.org/document/845; ' +
      'CEPT "Spectrum for drones/UAS" (non-professional UAS use 2400-2483.5 MHz and 5725-5875 MHz under general authorisation), ' +
      'https://cept.org/ecc/tools-and-services/cept-workshop-on-spectrum-for-drones-uas; ' +
      'Commission Decision 2006/771/EC as amended (short-range devices), https://eur-lex.europa.eu/eli/dec/2006/771/oj; ' +
      'ETSI EN 300 328 and EN 300 440',
    verified: true,
    notes:
      '5.1 GHz (5150-5250 MHz, 23 dBm, "only where permitted" on CE spec sheets) is left out: the CEPT 5 GHz WAS/RLAN ' +
      'conditions exclude UAS radio links (ECC work item FM57_02, revision of ECC/DEC/(04)08). Add it per country only ' +
      'with a national authorisation in hand.',
  },
  GB: {
    id: 'GB',
    regulator: 'Ofcom (United Kingdom, Crown Dependencies)',
    bands: CEPT_BANDS,
    source:
      'Ofcom UK Interface Requirement IR 2030 (licence-exempt short range devices), https://www.ofcom.org.uk/spectrum/radio-equipment/ir-2030',
    verified: false,
    notes:
      'Same limits as CEPT (IR 2030 tracks ERC/REC 70-03); not re-checked against the current IR 2030 edition.',
  },
  FCC: {
    id: 'FCC',
    regulator: 'Federal Communications Commission (United States and territories)',
    bands: FCC_STYLE_BANDS,
    source:
      '47 CFR 15.247, https://www.ecfr.gov/current/title-47/chapter-I/subchapter-A/part-15/subpart-C/section-15.247; ' +
      '47 CFR 15.407 (U-NII-3), https://www.ecfr.gov/current/title-47/chapter-I/subchapter-A/part-15/subpart-E/section-15.407',
    verified: true,
  },
  ISED: {
    id: 'ISED',
    regulator: 'Innovation, Science and Economic Development Canada',
    bands: FCC_STYLE_BANDS,
    source:
      'RSS-247 (digital transmission systems, frequency hopping systems and licence-exempt LE-LAN devices), ' +
      'https://ised-isde.canada.ca/site/spectrum-management-telecommunications/en/devices-and-equipment/radio-equipment-standards/radio-standards-specifications-rss/rss-247',
    verified: false,
    notes:
      'RSS-247 mirrors FCC 15.247 (1 W conducted, 4 W e.i.r.p.); not re-checked against the current issue.',
  },
  'JP-MIC': {
    id: 'JP-MIC',
    regulator: 'Ministry of Internal Affairs and Communications (Japan)',
    bands: [
      {
        ...ISM_24,
        maxEirpDbm: 20,
        notes: 'Licence-free low-power data communication system: 10 mW/MHz.',
      },
      {
        id: '5.1GHz',
        minMHz: 5150,
        maxMHz: 5250,
        maxEirpDbm: 23,
        licenceRequired: false,
        since: '2025-04-07',
        notes:
          'Japan calls it the 5.2 GHz band. Airborne use licence-free at antenna power <= 0.2 W since the 2025-04-07 ordinance revisions; higher power needs a registered station.',
      },
      {
        id: '5.7GHz',
        minMHz: 5650,
        maxMHz: 5755,
        maxEirpDbm: 30,
        licenceRequired: true,
        notes:
          'Unmanned mobile image transmission system (since 2016): land mobile station licence, a radio operator qualification and operator coordination. 1 W transmitter output; the e.i.r.p. cap here is an assumption.',
      },
      {
        id: '5.8GHz',
        minMHz: 5725,
        maxMHz: 5850,
        maxEirpDbm: 20,
        licenceRequired: true,
        notes:
          'Amateur radio only (FPV): an amateur operator licence and a station licence; non-commercial use. The station licence sets the power; the cap here is a conservative assumption.',
      },
    ],
    source:
      'MIC, radio equipment used by drones, https://www.tele.soumu.go.jp/j/sys/others/drone/; ' +
      'TUV SUD, "Japan: Updates Radio Regulations to Enable 5GHz Drone Applications" (April 2025), ' +
      'https://www.tuvsud.com/en/knowledge-hub/technical-updates/consumer-products-and-retail-essentials/japan-updates-radio-regulations-to-enable-5ghz-drone-applications; ' +
      'aircraft-world.com, Japan aviation law (5.8 GHz FPV needs an amateur licence), http://www.aircraft-world.com/Japan-Aviation-Law',
    verified: false,
    notes: 'The 2.4 GHz and 5.2 GHz figures are checked; the 5.7 GHz and 5.8 GHz e.i.r.p. caps are not.',
  },
  'CN-MIIT': {
    id: 'CN-MIIT',
    regulator: 'Ministry of Industry and Information Technology (China), SRRC type approval',
    bands: [
      { ...ISM_24, maxMHz: 2476, maxEirpDbm: 20, notes: 'Micro civil UAS: 2400-2476 MHz only.' },
      {
        id: '5.8GHz',
        minMHz: 5725,
        maxMHz: 5829,
        maxEirpDbm: 30,
        licenceRequired: false,
        notes: 'Micro civil UAS: 5725-5829 MHz only.',
      },
    ],
    source:
      'MIIT, Interim Measures for the Radio Management of Civil Unmanned Aircraft (MIIT Wu [2023] No. 252, in force 2024-01-01), ' +
      'summary at https://mrt-cert.com/jp/gjxw/2810.html; e.i.r.p. caps from SRRC-version drone declarations (DJI spec sheets)',
    verified: false,
    notes:
      'Band edges from the 2023 measures (secondary summary); e.i.r.p. caps not checked against the SRRC technical requirements.',
  },
  'AU-ACMA': {
    id: 'AU-ACMA',
    regulator: 'Australian Communications and Media Authority',
    bands: [
      {
        ...ISM_24,
        maxEirpDbm: 36,
        notes: 'LIPD class licence: frequency hopping / digital modulation, 4 W e.i.r.p.',
      },
      {
        id: '5.8GHz',
        minMHz: 5725,
        maxMHz: 5850,
        maxEirpDbm: 36,
        licenceRequired: false,
        notes: 'LIPD class licence: frequency hopping / digital modulation, 4 W e.i.r.p.',
      },
    ],
    source:
      'Radiocommunications (Low Interference Potential Devices) Class Licence 2015, https://www.legislation.gov.au/F2015L01438/latest',
    verified: false,
    notes:
      'Taken from a secondary summary of the class licence; not re-checked against the consolidated instrument.',
  },
  'NZ-RSM': {
    id: 'NZ-RSM',
    regulator: 'Radio Spectrum Management, MBIE (New Zealand)',
    bands: [
      {
        ...ISM_24,
        maxEirpDbm: 30,
        notes: 'General User Radio Licence for Short Range Devices: 1 W e.i.r.p.',
      },
      {
        id: '5.8GHz',
        minMHz: 5725,
        maxMHz: 5875,
        maxEirpDbm: 30,
        licenceRequired: false,
        notes:
          'The GURL allows 4 W e.i.r.p. for frequency hopping; 1 W is entered until the digital-modulation limit is checked.',
      },
    ],
    source:
      'Radiocommunications Regulations (General User Radio Licence for Short Range Devices) Notice, https://www.rsm.govt.nz/licensing/licence-types/general-user-radio-licences',
    verified: false,
  },
  'KR-MSIT': {
    id: 'KR-MSIT',
    regulator: 'Ministry of Science and ICT / RRA (Republic of Korea)',
    bands: [
      { ...ISM_24, maxEirpDbm: 23 },
      { id: '5.8GHz', minMHz: 5725, maxMHz: 5850, maxEirpDbm: 23, licenceRequired: false },
    ],
    source:
      'MSIT notice on radio equipment for stations that may be established without notification, ' +
      'https://www.law.go.kr/LSW//admRulLsInfoP.do?chrClsCd=&admRulSeq=2100000196972 (figures as carried in the Linux wireless-regdb)',
    verified: false,
    notes: 'Korea also designates 5030-5091 MHz for licensed UAS control links; not listed.',
  },
  'IN-WPC': {
    id: 'IN-WPC',
    regulator: 'Wireless Planning and Coordination Wing, Department of Telecommunications (India)',
    bands: [
      { ...ISM_24, maxEirpDbm: 30, notes: 'De-licensed by G.S.R. 45(E) (2005); 1 W transmitter power.' },
      {
        id: '5.8GHz',
        minMHz: 5725,
        maxMHz: 5875,
        maxEirpDbm: 30,
        licenceRequired: false,
        notes: 'De-licensed by G.S.R. 38(E) (2007) and G.S.R. 1048(E) (2018).',
      },
    ],
    source:
      'DoT/WPC de-licensed frequency bands (G.S.R. 45(E) 2005, G.S.R. 38(E) 2007, G.S.R. 1048(E) 2018), https://dot.gov.in/spectrummanagement/delicensed-frequency-bands',
    verified: false,
    notes:
      'Equipment also needs WPC Equipment Type Approval. Caps entered at 1 W pending a check of the e.i.r.p. limits.',
  },
  'BR-ANATEL': {
    id: 'BR-ANATEL',
    regulator: 'Anatel (Brazil)',
    bands: [
      { ...ISM_24, maxEirpDbm: 30 },
      { id: '5.8GHz', minMHz: 5725, maxMHz: 5850, maxEirpDbm: 30, licenceRequired: false },
    ],
    source:
      'Anatel restricted-radiation equipment: Resolucao 680/2017 and Ato 14448/2017, replaced by Resolucao 772/2025 and Ato 915/2024, ' +
      'https://www.gov.br/anatel/pt-br/regulado/radiofrequencia/radiacao-restrita (figures as carried in the Linux wireless-regdb)',
    verified: false,
    notes: 'Not re-checked against Resolucao 772/2025 and Ato 915/2024.',
  },
  'SG-IMDA': {
    id: 'SG-IMDA',
    regulator: 'Infocomm Media Development Authority (Singapore)',
    bands: [
      { ...ISM_24, maxEirpDbm: 23, notes: 'IMDA TS SRD: 200 mW e.i.r.p.' },
      {
        id: '5.8GHz',
        minMHz: 5725,
        maxMHz: 5850,
        maxEirpDbm: 30,
        licenceRequired: false,
        notes: 'IMDA TS SRD: 1 W e.i.r.p.',
      },
    ],
    source:
      'IMDA Technical Specification for Short Range Devices (IMDA TS SRD), https://www.imda.gov.sg/regulations-and-licensing-listing/ict-standards-and-quality-of-service/telecommunication-standards (figures as carried in the Linux wireless-regdb)',
    verified: false,
  },
};
