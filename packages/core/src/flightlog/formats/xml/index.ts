export { attr, decodeEntities, lineAt, scanXml, type XmlHandler } from './xml-scan.ts';
