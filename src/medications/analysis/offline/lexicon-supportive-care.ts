/**
 * Supportive-care medicines people on cancer treatment take: antiemetics, steroids, pain relief,
 * anticoagulants, growth factors, bone agents, stomach and bowel medicines, mouth care,
 * anti-infectives, sleep and mood medicines, and common supplements. Brands include those sold
 * in Spain and Latin America, since people name the box they hold.
 *
 * `rxNormId` is the RxNorm ingredient concept (RxCUI), given only where it is certain.
 */
import type { LexiconDrug } from './drug-lexicon.js';

const ANTIEMETICS: readonly LexiconDrug[] = [
  { generic: 'ondansetron', rxNormId: '26225', brands: ['Zofran', 'Yatrox', 'Zuplenz'] },
  { generic: 'granisetron', rxNormId: '26237', brands: ['Kytril', 'Sancuso', 'Sustol'] },
  { generic: 'palonosetron', rxNormId: '70561', brands: ['Aloxi'] },
  { generic: 'dolasetron', rxNormId: '68091', brands: ['Anzemet'] },
  { generic: 'aprepitant', rxNormId: '358255', brands: ['Emend'], aliases: ['aprepitanto'] },
  { generic: 'fosaprepitant', aliases: ['fosaprepitanto'] },
  { generic: 'netupitant and palonosetron', brands: ['Akynzeo'] },
  {
    generic: 'metoclopramide',
    rxNormId: '6915',
    brands: ['Reglan', 'Primperan'],
    aliases: ['metoclopramida'],
  },
  {
    generic: 'prochlorperazine',
    rxNormId: '8704',
    brands: ['Compazine', 'Compro'],
    aliases: ['proclorperazina'],
  },
  { generic: 'promethazine', rxNormId: '8745', brands: ['Phenergan'], aliases: ['prometazina'] },
  { generic: 'olanzapine', rxNormId: '61381', brands: ['Zyprexa'], aliases: ['olanzapina'] },
  { generic: 'haloperidol', rxNormId: '5093', brands: ['Haldol'] },
  { generic: 'dronabinol', brands: ['Marinol', 'Syndros'] },
  { generic: 'domperidone', brands: ['Motilium'], aliases: ['domperidona'] },
];

const STEROIDS: readonly LexiconDrug[] = [
  {
    generic: 'dexamethasone',
    rxNormId: '3264',
    brands: ['Decadron', 'Fortecortin', 'Hemady'],
    aliases: ['dexametasona'],
  },
  {
    generic: 'prednisone',
    rxNormId: '8640',
    brands: ['Deltasone', 'Rayos', 'Dacortin'],
    aliases: ['prednisona'],
  },
  { generic: 'prednisolone', rxNormId: '8638', brands: ['Orapred'], aliases: ['prednisolona'] },
  {
    generic: 'methylprednisolone',
    rxNormId: '6902',
    brands: ['Medrol', 'Solu-Medrol', 'Urbason'],
    aliases: ['metilprednisolona'],
  },
  {
    generic: 'hydrocortisone',
    rxNormId: '5492',
    brands: ['Cortef', 'Solu-Cortef', 'Actocortina'],
    aliases: ['hidrocortisona'],
  },
  { generic: 'budesonide', rxNormId: '19831', brands: ['Entocort'], aliases: ['budesonida'] },
];

const PAIN_RELIEF: readonly LexiconDrug[] = [
  {
    generic: 'acetaminophen',
    rxNormId: '161',
    brands: ['Tylenol', 'Panadol', 'Gelocatil', 'Termalgin', 'Efferalgan', 'Dafalgan'],
    aliases: ['paracetamol'],
  },
  {
    generic: 'ibuprofen',
    rxNormId: '5640',
    brands: ['Advil', 'Motrin', 'Espidifen', 'Dalsy'],
    aliases: ['ibuprofeno'],
  },
  { generic: 'naproxen', rxNormId: '7258', brands: ['Aleve', 'Naprosyn'], aliases: ['naproxeno'] },
  { generic: 'celecoxib', rxNormId: '140587', brands: ['Celebrex'] },
  { generic: 'diclofenac', rxNormId: '3355', brands: ['Voltaren'], aliases: ['diclofenaco'] },
  {
    generic: 'metamizole',
    brands: ['Nolotil', 'Novalgin'],
    aliases: ['metamizol', 'dipyrone', 'dipirona'],
  },
  { generic: 'dexketoprofen', brands: ['Enantyum'], aliases: ['dexketoprofeno'] },
  { generic: 'ketorolac', brands: ['Toradol'], aliases: ['ketorolaco'] },
  {
    generic: 'aspirin',
    rxNormId: '1191',
    brands: ['Adiro'],
    aliases: ['acetylsalicylic acid', 'acido acetilsalicilico', 'aspirina'],
  },
  { generic: 'tramadol', rxNormId: '10689', brands: ['Ultram', 'Adolonta'] },
  { generic: 'codeine', rxNormId: '2670', aliases: ['codeina'] },
  {
    generic: 'morphine',
    rxNormId: '7052',
    brands: ['MS Contin', 'Kadian', 'Oramorph', 'Sevredol'],
    aliases: ['morfina'],
  },
  {
    generic: 'oxycodone',
    rxNormId: '7804',
    brands: ['OxyContin', 'Roxicodone', 'OxyNorm'],
    aliases: ['oxicodona'],
  },
  { generic: 'oxycodone and acetaminophen', brands: ['Percocet', 'Endocet'] },
  { generic: 'hydrocodone and acetaminophen', brands: ['Norco', 'Vicodin', 'Lortab'] },
  {
    generic: 'hydromorphone',
    rxNormId: '3423',
    brands: ['Dilaudid', 'Jurnista'],
    aliases: ['hidromorfona'],
  },
  {
    generic: 'fentanyl',
    rxNormId: '4337',
    brands: ['Duragesic', 'Durogesic', 'Actiq', 'Abstral', 'Fentora', 'Effentora'],
    aliases: ['fentanilo'],
  },
  { generic: 'methadone', rxNormId: '6813', brands: ['Dolophine'], aliases: ['metadona'] },
  { generic: 'tapentadol', brands: ['Nucynta', 'Palexia'] },
  { generic: 'buprenorphine', brands: ['Butrans', 'Transtec'], aliases: ['buprenorfina'] },
  { generic: 'naloxone', rxNormId: '7242', brands: ['Narcan'], aliases: ['naloxona'] },
  { generic: 'gabapentin', rxNormId: '25480', brands: ['Neurontin'], aliases: ['gabapentina'] },
  { generic: 'pregabalin', rxNormId: '187832', brands: ['Lyrica'], aliases: ['pregabalina'] },
  { generic: 'duloxetine', rxNormId: '72625', brands: ['Cymbalta'], aliases: ['duloxetina'] },
  {
    generic: 'lidocaine',
    rxNormId: '6387',
    brands: ['Xylocaine', 'Lidoderm', 'Versatis'],
    aliases: ['lidocaina'],
  },
];

const ANTICOAGULANTS: readonly LexiconDrug[] = [
  {
    generic: 'enoxaparin',
    rxNormId: '67108',
    brands: ['Lovenox', 'Clexane'],
    aliases: ['enoxaparina'],
  },
  { generic: 'dalteparin', brands: ['Fragmin'], aliases: ['dalteparina'] },
  { generic: 'tinzaparin', brands: ['Innohep'], aliases: ['tinzaparina'] },
  { generic: 'bemiparin', brands: ['Hibor'], aliases: ['bemiparina'] },
  { generic: 'heparin', rxNormId: '5224', aliases: ['heparina'] },
  {
    generic: 'warfarin',
    rxNormId: '11289',
    brands: ['Coumadin', 'Jantoven', 'Aldocumar'],
    aliases: ['warfarina'],
  },
  { generic: 'acenocoumarol', rxNormId: '154', brands: ['Sintrom'], aliases: ['acenocumarol'] },
  { generic: 'rivaroxaban', rxNormId: '1114195', brands: ['Xarelto'] },
  { generic: 'apixaban', rxNormId: '1364430', brands: ['Eliquis'] },
  { generic: 'dabigatran', brands: ['Pradaxa'] },
  { generic: 'edoxaban', brands: ['Savaysa', 'Lixiana'] },
];

const BLOOD_AND_BONE: readonly LexiconDrug[] = [
  { generic: 'filgrastim', rxNormId: '68442', brands: ['Neupogen', 'Zarxio', 'Nivestym'] },
  { generic: 'pegfilgrastim', brands: ['Neulasta', 'Udenyca', 'Fulphila', 'Ziextenzo'] },
  {
    generic: 'epoetin alfa',
    brands: ['Epogen', 'Procrit', 'Retacrit', 'Eprex'],
    aliases: ['epoetina alfa', 'erythropoietin', 'eritropoyetina'],
  },
  { generic: 'darbepoetin alfa', brands: ['Aranesp'], aliases: ['darbepoetina alfa'] },
  {
    generic: 'zoledronic acid',
    rxNormId: '77655',
    brands: ['Zometa', 'Reclast', 'Aclasta'],
    aliases: ['acido zoledronico', 'zoledronate'],
  },
  { generic: 'denosumab', brands: ['Xgeva', 'Prolia'] },
  {
    generic: 'allopurinol',
    rxNormId: '519',
    brands: ['Zyloprim', 'Zyloric'],
    aliases: ['alopurinol'],
  },
  { generic: 'rasburicase', rxNormId: '283821', brands: ['Elitek', 'Fasturtec'] },
  { generic: 'mesna', brands: ['Mesnex', 'Uromitexan'] },
];

const STOMACH_AND_BOWEL: readonly LexiconDrug[] = [
  {
    generic: 'loperamide',
    rxNormId: '6468',
    brands: ['Imodium', 'Fortasec'],
    aliases: ['loperamida'],
  },
  { generic: 'diphenoxylate and atropine', brands: ['Lomotil'] },
  { generic: 'octreotide', brands: ['Sandostatin'], aliases: ['octreotida'] },
  { generic: 'docusate', brands: ['Colace'], aliases: ['docusato'] },
  { generic: 'sennosides', brands: ['Senokot', 'Ex-Lax'], aliases: ['senna', 'senosidos'] },
  {
    generic: 'polyethylene glycol 3350',
    brands: ['MiraLAX', 'Movicol', 'GlycoLax'],
    aliases: ['peg 3350', 'macrogol', 'polietilenglicol'],
  },
  {
    generic: 'lactulose',
    rxNormId: '6218',
    brands: ['Enulose', 'Duphalac'],
    aliases: ['lactulosa'],
  },
  { generic: 'bisacodyl', brands: ['Dulcolax'], aliases: ['bisacodilo'] },
  {
    generic: 'magnesium hydroxide',
    brands: ['Milk of Magnesia'],
    aliases: ['hidroxido de magnesio'],
  },
  {
    generic: 'omeprazole',
    rxNormId: '7646',
    brands: ['Prilosec', 'Losec'],
    aliases: ['omeprazol'],
  },
  { generic: 'esomeprazole', rxNormId: '283742', brands: ['Nexium'], aliases: ['esomeprazol'] },
  {
    generic: 'pantoprazole',
    rxNormId: '40790',
    brands: ['Protonix', 'Pantecta'],
    aliases: ['pantoprazol'],
  },
  { generic: 'lansoprazole', rxNormId: '17128', brands: ['Prevacid'], aliases: ['lansoprazol'] },
  { generic: 'famotidine', rxNormId: '4278', brands: ['Pepcid'], aliases: ['famotidina'] },
  { generic: 'sucralfate', brands: ['Carafate'], aliases: ['sucralfato'] },
  { generic: 'simethicone', aliases: ['simeticona'] },
];

const MOUTH_CARE: readonly LexiconDrug[] = [
  { generic: 'chlorhexidine', brands: ['Peridex'], aliases: ['clorhexidina'] },
  { generic: 'nystatin', brands: ['Mycostatin'], aliases: ['nistatina'] },
  { generic: 'magic mouthwash', aliases: ['enjuague magico'] },
  { generic: 'benzydamine', brands: ['Tantum Verde'], aliases: ['bencidamina'] },
  { generic: 'clotrimazole', brands: ['Mycelex'], aliases: ['clotrimazol'] },
];

const ANTI_INFECTIVES: readonly LexiconDrug[] = [
  { generic: 'fluconazole', rxNormId: '4450', brands: ['Diflucan'], aliases: ['fluconazol'] },
  { generic: 'posaconazole', brands: ['Noxafil'], aliases: ['posaconazol'] },
  { generic: 'voriconazole', rxNormId: '121243', brands: ['Vfend'], aliases: ['voriconazol'] },
  { generic: 'acyclovir', rxNormId: '281', brands: ['Zovirax'], aliases: ['aciclovir'] },
  { generic: 'valacyclovir', rxNormId: '73645', brands: ['Valtrex'], aliases: ['valaciclovir'] },
  { generic: 'valganciclovir', brands: ['Valcyte'] },
  { generic: 'ciprofloxacin', rxNormId: '2551', brands: ['Cipro'], aliases: ['ciprofloxacino'] },
  {
    generic: 'levofloxacin',
    rxNormId: '82122',
    brands: ['Levaquin', 'Tavanic'],
    aliases: ['levofloxacino'],
  },
  { generic: 'moxifloxacin', rxNormId: '139462', brands: ['Avelox'], aliases: ['moxifloxacino'] },
  { generic: 'amoxicillin', rxNormId: '723', brands: ['Amoxil'], aliases: ['amoxicilina'] },
  {
    generic: 'amoxicillin and clavulanate',
    brands: ['Augmentin'],
    aliases: ['amoxicillin clavulanate', 'amoxicilina clavulanico'],
  },
  {
    generic: 'sulfamethoxazole and trimethoprim',
    rxNormId: '10831',
    brands: ['Bactrim', 'Septra', 'Septrin'],
    aliases: ['co-trimoxazole', 'cotrimoxazol', 'cotrimoxazole'],
  },
  { generic: 'metronidazole', rxNormId: '6922', brands: ['Flagyl'], aliases: ['metronidazol'] },
  { generic: 'azithromycin', rxNormId: '18631', brands: ['Zithromax'], aliases: ['azitromicina'] },
  { generic: 'doxycycline', rxNormId: '3640', brands: ['Vibramycin'], aliases: ['doxiciclina'] },
  { generic: 'cephalexin', rxNormId: '2231', brands: ['Keflex'], aliases: ['cefalexina'] },
  { generic: 'vancomycin', rxNormId: '11124', brands: ['Vancocin'], aliases: ['vancomicina'] },
  { generic: 'entecavir', brands: ['Baraclude'] },
];

const SLEEP_AND_MOOD: readonly LexiconDrug[] = [
  { generic: 'lorazepam', rxNormId: '6470', brands: ['Ativan', 'Orfidal'] },
  { generic: 'alprazolam', rxNormId: '596', brands: ['Xanax', 'Trankimazin'] },
  { generic: 'diazepam', rxNormId: '3322', brands: ['Valium'] },
  { generic: 'clonazepam', rxNormId: '2598', brands: ['Klonopin', 'Rivotril'] },
  { generic: 'lormetazepam', brands: ['Noctamid'] },
  { generic: 'bromazepam', brands: ['Lexatin'] },
  { generic: 'midazolam', rxNormId: '6960', brands: ['Versed', 'Dormicum'] },
  { generic: 'zolpidem', rxNormId: '39993', brands: ['Ambien', 'Stilnox'] },
  { generic: 'melatonin', brands: ['Circadin'], aliases: ['melatonina'] },
  {
    generic: 'trazodone',
    rxNormId: '10737',
    brands: ['Desyrel', 'Deprax'],
    aliases: ['trazodona'],
  },
  {
    generic: 'mirtazapine',
    rxNormId: '15996',
    brands: ['Remeron', 'Rexer'],
    aliases: ['mirtazapina'],
  },
  {
    generic: 'sertraline',
    rxNormId: '36437',
    brands: ['Zoloft', 'Besitran'],
    aliases: ['sertralina'],
  },
  { generic: 'escitalopram', rxNormId: '321988', brands: ['Lexapro', 'Cipralex'] },
  { generic: 'citalopram', rxNormId: '2556', brands: ['Celexa'] },
  { generic: 'fluoxetine', rxNormId: '4493', brands: ['Prozac'], aliases: ['fluoxetina'] },
  {
    generic: 'paroxetine',
    rxNormId: '32937',
    brands: ['Paxil', 'Seroxat'],
    aliases: ['paroxetina'],
  },
  {
    generic: 'venlafaxine',
    rxNormId: '39786',
    brands: ['Effexor', 'Vandral'],
    aliases: ['venlafaxina'],
  },
  { generic: 'quetiapine', rxNormId: '51272', brands: ['Seroquel'], aliases: ['quetiapina'] },
  {
    generic: 'amitriptyline',
    rxNormId: '704',
    brands: ['Elavil', 'Tryptizol'],
    aliases: ['amitriptilina'],
  },
  { generic: 'nortriptyline', rxNormId: '7531', brands: ['Pamelor'], aliases: ['nortriptilina'] },
  {
    generic: 'methylphenidate',
    rxNormId: '6901',
    brands: ['Ritalin', 'Concerta'],
    aliases: ['metilfenidato'],
  },
  { generic: 'modafinil', rxNormId: '30125', brands: ['Provigil'] },
];

const OTHER_SUPPORTIVE: readonly LexiconDrug[] = [
  {
    generic: 'diphenhydramine',
    rxNormId: '3498',
    brands: ['Benadryl'],
    aliases: ['difenhidramina'],
  },
  {
    generic: 'hydroxyzine',
    rxNormId: '5553',
    brands: ['Atarax', 'Vistaril'],
    aliases: ['hidroxizina'],
  },
  { generic: 'cetirizine', brands: ['Zyrtec'], aliases: ['cetirizina'] },
  {
    generic: 'levothyroxine',
    rxNormId: '10582',
    brands: ['Synthroid', 'Eutirox', 'Levoxyl'],
    aliases: ['levotiroxina'],
  },
  {
    generic: 'metformin',
    rxNormId: '6809',
    brands: ['Glucophage', 'Dianben'],
    aliases: ['metformina'],
  },
  {
    generic: 'furosemide',
    rxNormId: '4603',
    brands: ['Lasix', 'Seguril'],
    aliases: ['furosemida'],
  },
  {
    generic: 'potassium chloride',
    brands: ['Klor-Con', 'K-Dur'],
    aliases: ['cloruro potasico', 'cloruro de potasio'],
  },
  { generic: 'folic acid', rxNormId: '4511', aliases: ['acido folico'] },
  { generic: 'cyanocobalamin', aliases: ['vitamin b12', 'vitamina b12'] },
  {
    generic: 'cholecalciferol',
    aliases: ['vitamin d', 'vitamin d3', 'vitamina d', 'colecalciferol'],
  },
  {
    generic: 'calcium carbonate',
    brands: ['Tums'],
    aliases: ['carbonato calcico', 'carbonato de calcio'],
  },
  { generic: 'ferrous sulfate', aliases: ['iron', 'hierro', 'sulfato ferroso'] },
];

/** Every supportive-care medicine in the lexicon. */
export const SUPPORTIVE_CARE_DRUGS: readonly LexiconDrug[] = [
  ...ANTIEMETICS,
  ...STEROIDS,
  ...PAIN_RELIEF,
  ...ANTICOAGULANTS,
  ...BLOOD_AND_BONE,
  ...STOMACH_AND_BOWEL,
  ...MOUTH_CARE,
  ...ANTI_INFECTIVES,
  ...SLEEP_AND_MOOD,
  ...OTHER_SUPPORTIVE,
];
