/**
 * Cancer treatments people mention: oral chemotherapy and targeted drugs, hormone therapy,
 * infused chemotherapy and antibodies. Generic names follow RxNorm's spelling; aliases hold the
 * Spanish (INN) spelling when it differs once accents are ignored, and common abbreviations.
 *
 * `rxNormId` is the RxNorm ingredient concept (RxCUI), given only where it is certain; the rest
 * are left out rather than guessed.
 * TODO: fill the missing RxCUIs from RxNav's `rxcui.json?name=` when a connected build step
 * exists; until then Comprehend Medical supplies them when it is configured.
 */
import type { LexiconDrug } from './drug-lexicon.js';

/** Oral chemotherapy, targeted and hormone therapy. */
const ORAL_TREATMENTS: readonly LexiconDrug[] = [
  { generic: 'capecitabine', rxNormId: '194000', brands: ['Xeloda'], aliases: ['capecitabina'] },
  {
    generic: 'temozolomide',
    rxNormId: '37776',
    brands: ['Temodar', 'Temodal'],
    aliases: ['temozolomida'],
  },
  {
    generic: 'tamoxifen',
    rxNormId: '10324',
    brands: ['Nolvadex', 'Soltamox'],
    aliases: ['tamoxifeno'],
  },
  { generic: 'letrozole', rxNormId: '72965', brands: ['Femara'], aliases: ['letrozol'] },
  { generic: 'anastrozole', rxNormId: '84857', brands: ['Arimidex'], aliases: ['anastrozol'] },
  { generic: 'exemestane', rxNormId: '258494', brands: ['Aromasin'], aliases: ['exemestano'] },
  {
    generic: 'abiraterone',
    rxNormId: '1100072',
    brands: ['Zytiga', 'Yonsa'],
    aliases: ['abiraterona'],
  },
  { generic: 'enzalutamide', rxNormId: '1307298', brands: ['Xtandi'], aliases: ['enzalutamida'] },
  { generic: 'apalutamide', brands: ['Erleada'], aliases: ['apalutamida'] },
  { generic: 'darolutamide', brands: ['Nubeqa'], aliases: ['darolutamida'] },
  { generic: 'bicalutamide', rxNormId: '83008', brands: ['Casodex'], aliases: ['bicalutamida'] },
  { generic: 'imatinib', rxNormId: '282388', brands: ['Gleevec', 'Glivec'] },
  { generic: 'dasatinib', brands: ['Sprycel'] },
  { generic: 'nilotinib', rxNormId: '662281', brands: ['Tasigna'] },
  { generic: 'palbociclib', brands: ['Ibrance'] },
  { generic: 'ribociclib', brands: ['Kisqali'] },
  { generic: 'abemaciclib', brands: ['Verzenio', 'Verzenios'] },
  { generic: 'olaparib', brands: ['Lynparza'] },
  { generic: 'niraparib', brands: ['Zejula'] },
  {
    generic: 'lenalidomide',
    rxNormId: '342369',
    brands: ['Revlimid'],
    aliases: ['lenalidomida'],
  },
  { generic: 'pomalidomide', brands: ['Pomalyst', 'Imnovid'], aliases: ['pomalidomida'] },
  { generic: 'thalidomide', brands: ['Thalomid'], aliases: ['talidomida'] },
  { generic: 'erlotinib', rxNormId: '337525', brands: ['Tarceva'] },
  { generic: 'gefitinib', brands: ['Iressa'] },
  { generic: 'osimertinib', brands: ['Tagrisso'] },
  { generic: 'afatinib', brands: ['Gilotrif', 'Giotrif'] },
  { generic: 'lapatinib', rxNormId: '480167', brands: ['Tykerb', 'Tyverb'] },
  { generic: 'neratinib', brands: ['Nerlynx'] },
  { generic: 'tucatinib', brands: ['Tukysa'] },
  { generic: 'sunitinib', rxNormId: '357977', brands: ['Sutent'] },
  { generic: 'sorafenib', brands: ['Nexavar'] },
  { generic: 'pazopanib', rxNormId: '714438', brands: ['Votrient'] },
  { generic: 'axitinib', brands: ['Inlyta'] },
  { generic: 'cabozantinib', brands: ['Cabometyx', 'Cometriq'] },
  { generic: 'lenvatinib', brands: ['Lenvima'] },
  { generic: 'regorafenib', brands: ['Stivarga'] },
  { generic: 'everolimus', rxNormId: '141704', brands: ['Afinitor'] },
  { generic: 'ibrutinib', brands: ['Imbruvica'] },
  { generic: 'acalabrutinib', brands: ['Calquence'] },
  { generic: 'venetoclax', brands: ['Venclexta', 'Venclyxto'] },
  { generic: 'ruxolitinib', brands: ['Jakafi', 'Jakavi'] },
  { generic: 'alectinib', brands: ['Alecensa'] },
  { generic: 'crizotinib', brands: ['Xalkori'] },
  { generic: 'lorlatinib', brands: ['Lorbrena', 'Lorviqua'] },
  { generic: 'dabrafenib', rxNormId: '1424911', brands: ['Tafinlar'] },
  { generic: 'trametinib', brands: ['Mekinist'] },
  { generic: 'vemurafenib', brands: ['Zelboraf'] },
  {
    generic: 'hydroxyurea',
    brands: ['Hydrea', 'Droxia'],
    aliases: ['hidroxiurea', 'hydroxycarbamide', 'hidroxicarbamida'],
  },
  {
    generic: 'mercaptopurine',
    rxNormId: '103',
    brands: ['Purixan', 'Purinethol'],
    aliases: ['mercaptopurina', '6-mp'],
  },
  {
    generic: 'methotrexate',
    rxNormId: '6851',
    brands: ['Trexall', 'Otrexup'],
    aliases: ['metotrexato'],
  },
  {
    generic: 'trifluridine and tipiracil',
    brands: ['Lonsurf'],
    aliases: ['trifluridine/tipiracil', 'trifluridina/tipiracilo'],
  },
  {
    generic: 'cyclophosphamide',
    rxNormId: '3002',
    brands: ['Cytoxan', 'Genoxal'],
    aliases: ['ciclofosfamida'],
  },
  { generic: 'chlorambucil', brands: ['Leukeran'], aliases: ['clorambucilo'] },
  { generic: 'melphalan', brands: ['Alkeran'], aliases: ['melfalan'] },
  { generic: 'megestrol', brands: ['Megace'] },
  { generic: 'raloxifene', brands: ['Evista'], aliases: ['raloxifeno'] },
];

/** Hormone injections given in clinic. */
const HORMONE_INJECTIONS: readonly LexiconDrug[] = [
  { generic: 'fulvestrant', rxNormId: '282357', brands: ['Faslodex'] },
  {
    generic: 'leuprolide',
    rxNormId: '42375',
    brands: ['Lupron', 'Eligard'],
    aliases: ['leuprorelin', 'leuprorelina'],
  },
  { generic: 'goserelin', brands: ['Zoladex'], aliases: ['goserelina'] },
  { generic: 'degarelix', brands: ['Firmagon'] },
  { generic: 'triptorelin', brands: ['Trelstar', 'Decapeptyl'], aliases: ['triptorelina'] },
];

/** Infused chemotherapy. */
const INFUSED_CHEMOTHERAPY: readonly LexiconDrug[] = [
  {
    generic: 'fluorouracil',
    rxNormId: '4492',
    brands: ['Adrucil'],
    aliases: ['5-fu', '5-fluorouracil', 'fluorouracilo', '5-fluorouracilo'],
  },
  { generic: 'cisplatin', rxNormId: '2555', brands: ['Platinol'], aliases: ['cisplatino'] },
  { generic: 'carboplatin', rxNormId: '40048', brands: ['Paraplatin'], aliases: ['carboplatino'] },
  { generic: 'oxaliplatin', rxNormId: '32592', brands: ['Eloxatin'], aliases: ['oxaliplatino'] },
  {
    generic: 'paclitaxel',
    rxNormId: '56946',
    brands: ['Taxol', 'Abraxane'],
    aliases: ['nab-paclitaxel'],
  },
  { generic: 'docetaxel', rxNormId: '72962', brands: ['Taxotere'] },
  { generic: 'cabazitaxel', brands: ['Jevtana'] },
  {
    generic: 'doxorubicin',
    rxNormId: '3639',
    brands: ['Adriamycin', 'Doxil', 'Caelyx'],
    aliases: ['doxorrubicina', 'adriamicina'],
  },
  {
    generic: 'epirubicin',
    rxNormId: '3995',
    brands: ['Ellence', 'Farmorubicina'],
    aliases: ['epirrubicina'],
  },
  { generic: 'gemcitabine', rxNormId: '12574', brands: ['Gemzar'], aliases: ['gemcitabina'] },
  { generic: 'irinotecan', rxNormId: '51499', brands: ['Camptosar', 'Onivyde'] },
  {
    generic: 'etoposide',
    rxNormId: '4179',
    brands: ['VePesid', 'Toposar'],
    aliases: ['etoposido'],
  },
  { generic: 'vincristine', rxNormId: '11202', brands: ['Oncovin'], aliases: ['vincristina'] },
  { generic: 'vinorelbine', brands: ['Navelbine'], aliases: ['vinorelbina'] },
  { generic: 'pemetrexed', brands: ['Alimta'] },
  { generic: 'eribulin', brands: ['Halaven'], aliases: ['eribulina'] },
  { generic: 'cytarabine', brands: ['Cytosar'], aliases: ['citarabina', 'ara-c'] },
  { generic: 'azacitidine', brands: ['Vidaza'], aliases: ['azacitidina'] },
  { generic: 'bendamustine', brands: ['Treanda', 'Bendeka', 'Levact'], aliases: ['bendamustina'] },
  { generic: 'ifosfamide', brands: ['Ifex'], aliases: ['ifosfamida'] },
  { generic: 'bleomycin', brands: ['Blenoxane'], aliases: ['bleomicina'] },
  { generic: 'topotecan', brands: ['Hycamtin'] },
  {
    generic: 'leucovorin',
    rxNormId: '6313',
    aliases: ['folinic acid', 'acido folinico', 'calcium folinate', 'folinato calcico'],
  },
];

/** Antibodies, immunotherapy and proteasome inhibitors. */
const ANTIBODIES_AND_IMMUNOTHERAPY: readonly LexiconDrug[] = [
  { generic: 'trastuzumab', rxNormId: '224905', brands: ['Herceptin'] },
  { generic: 'pertuzumab', brands: ['Perjeta'] },
  {
    generic: 'ado-trastuzumab emtansine',
    brands: ['Kadcyla'],
    aliases: ['trastuzumab emtansine', 't-dm1', 'trastuzumab emtansina'],
  },
  {
    generic: 'fam-trastuzumab deruxtecan',
    brands: ['Enhertu'],
    aliases: ['trastuzumab deruxtecan', 't-dxd'],
  },
  { generic: 'bevacizumab', rxNormId: '253337', brands: ['Avastin'] },
  { generic: 'rituximab', rxNormId: '121191', brands: ['Rituxan', 'MabThera'] },
  { generic: 'cetuximab', rxNormId: '318341', brands: ['Erbitux'] },
  { generic: 'panitumumab', brands: ['Vectibix'] },
  { generic: 'pembrolizumab', rxNormId: '1547545', brands: ['Keytruda'] },
  { generic: 'nivolumab', rxNormId: '1597876', brands: ['Opdivo'] },
  { generic: 'atezolizumab', brands: ['Tecentriq'] },
  { generic: 'durvalumab', brands: ['Imfinzi'] },
  { generic: 'ipilimumab', brands: ['Yervoy'] },
  { generic: 'cemiplimab', brands: ['Libtayo'] },
  { generic: 'daratumumab', brands: ['Darzalex'] },
  { generic: 'sacituzumab govitecan', brands: ['Trodelvy'] },
  { generic: 'bortezomib', rxNormId: '358258', brands: ['Velcade'] },
  { generic: 'carfilzomib', brands: ['Kyprolis'] },
];

/** Every cancer treatment in the lexicon. */
export const ONCOLOGY_DRUGS: readonly LexiconDrug[] = [
  ...ORAL_TREATMENTS,
  ...HORMONE_INJECTIONS,
  ...INFUSED_CHEMOTHERAPY,
  ...ANTIBODIES_AND_IMMUNOTHERAPY,
];
