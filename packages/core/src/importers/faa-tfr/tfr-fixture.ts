/**
 * FAA TFR detail documents written for the tests from the published XNOTAM-Update structure (as
 * tfr.faa.gov serves detail_*.xml): none is a copy of a real NOTAM. Times are local in codeTimeZone.
 */
const avx = (lat: string, lon: string) =>
  `<Avx><codeType>GRC</codeType><geoLat>${lat}</geoLat><geoLong>${lon}</geoLong><codeDatum>WGE</codeDatum></Avx>`;

export const TFR_VIP = `<?xml version="1.0" encoding="UTF-8"?>
<XNOTAM-Update version="0.1" origin="FAA" created="2024-06-28T14:40:00">
<Group><Add><Not>
  <NotUid><txtLocalName>4/3635</txtLocalName><dateIssued>2024-06-28T14:40:00</dateIssued></NotUid>
  <dateEffective>2024-07-04T17:00:00</dateEffective>
  <dateExpire>2024-07-04T23:30:00</dateExpire>
  <codeTimeZone>EDT</codeTimeZone>
  <codeFacility>ZDC</codeFacility>
  <txtDescrPurpose>TO PROVIDE A SAFE ENVIRONMENT FOR VIP MOVEMENT</txtDescrPurpose>
  <AffLocGroup><txtNameCity>WASHINGTON</txtNameCity><txtNameUSState>DISTRICT OF COLUMBIA</txtNameUSState></AffLocGroup>
  <TfrNot>
    <codeType>91.141</codeType>
    <TFRAreaGroup>
      <aseTFRArea>
        <AseUid><codeType>TFR</codeType><codeId>AREA A</codeId></AseUid>
        <txtName>AREA A</txtName>
        <codeDistVerUpper>ALT</codeDistVerUpper><valDistVerUpper>3000</valDistVerUpper><uomDistVerUpper>FT</uomDistVerUpper>
        <codeDistVerLower>HEI</codeDistVerLower><valDistVerLower>0</valDistVerLower><uomDistVerLower>FT</uomDistVerLower>
      </aseTFRArea>
      <aseShapes><Abd><Avx><codeType>CIR</codeType><geoLat>38.90N</geoLat><geoLong>077.03W</geoLong><valRadiusArc>3</valRadiusArc><uomRadiusArc>NM</uomRadiusArc></Avx></Abd></aseShapes>
      <abdMergedArea>${avx('38.95N', '077.03W')}${avx('38.90N', '076.97W')}${avx('38.85N', '077.03W')}${avx('38.90N', '077.09W')}${avx('38.95N', '077.03W')}</abdMergedArea>
    </TFRAreaGroup>
  </TfrNot>
</Not></Add></Group>
</XNOTAM-Update>
`;

export const TFR_FIRE = `<?xml version="1.0" encoding="UTF-8"?>
<XNOTAM-Update version="0.1" origin="FAA">
<Group><Add><Not>
  <NotUid><txtLocalName>4/7001</txtLocalName></NotUid>
  <dateEffective>2024-08-01T06:00:00</dateEffective>
  <dateExpire>2024-08-15T06:00:00</dateExpire>
  <codeTimeZone>UTC</codeTimeZone>
  <txtDescrPurpose>TO PROVIDE A SAFE ENVIRONMENT FOR FIRE FIGHTING ACFT OPS</txtDescrPurpose>
  <TfrNot>
    <codeType>91.137(a)(2)</codeType>
    <TFRAreaGroup>
      <aseTFRArea>
        <txtName>AREA A</txtName>
        <codeDistVerUpper>ALT</codeDistVerUpper><valDistVerUpper>2000</valDistVerUpper><uomDistVerUpper>FT</uomDistVerUpper>
        <codeDistVerLower>ALT</codeDistVerLower><valDistVerLower>8000</valDistVerLower><uomDistVerLower>FT</uomDistVerLower>
      </aseTFRArea>
      <abdMergedArea>${avx('422600.00N', '1232700.00W')}${avx('422600.00N', '1232000.00W')}${avx('422100.00N', '1232000.00W')}${avx('422100.00N', '1232700.00W')}</abdMergedArea>
    </TFRAreaGroup>
    <TFRAreaGroup>
      <aseTFRArea>
        <txtName>AREA B</txtName>
        <codeDistVerUpper>STD</codeDistVerUpper><valDistVerUpper>180</valDistVerUpper><uomDistVerUpper>FL</uomDistVerUpper>
        <codeDistVerLower>HEI</codeDistVerLower><valDistVerLower>500</valDistVerLower><uomDistVerLower>FT</uomDistVerLower>
        <ScheduleGroup><isTimeScheduled>TRUE</isTimeScheduled><dateEffective>2024-08-02T06:00:00</dateEffective><dateExpire>2024-08-03T06:00:00</dateExpire></ScheduleGroup>
      </aseTFRArea>
      <aseShapes><Abd><Avx><codeType>CIR</codeType><geoLat>42.30N</geoLat><geoLong>123.10W</geoLong><valRadiusArc>5</valRadiusArc><uomRadiusArc>NM</uomRadiusArc></Avx></Abd></aseShapes>
    </TFRAreaGroup>
  </TfrNot>
</Not></Add></Group>
</XNOTAM-Update>
<?xml version="1.0" encoding="UTF-8"?>
<XNOTAM-Update version="0.1" origin="FAA">
<Group><Add><Not>
  <NotUid><txtLocalName>4/7002</txtLocalName></NotUid>
  <dateEffective>2024-08-01T06:00:00</dateEffective>
  <codeTimeZone>XYZ</codeTimeZone>
  <TfrNot><TFRAreaGroup>
    <aseTFRArea><codeDistVerUpper>ALT</codeDistVerUpper><valDistVerUpper>2000</valDistVerUpper><uomDistVerUpper>FT</uomDistVerUpper></aseTFRArea>
    <abdMergedArea>${avx('42.0N', '120.0W')}${avx('42.1N', '120.0W')}${avx('42.1N', '120.1W')}</abdMergedArea>
  </TFRAreaGroup></TfrNot>
</Not></Add></Group>
</XNOTAM-Update>
`;
