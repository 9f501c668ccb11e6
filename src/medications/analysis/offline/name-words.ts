/**
 * Words that frame a medication's name without being part of it, folded (lower case, no
 * accents): the filler people put before a name ("I'm taking", "estoy tomando") and the words
 * that end one (numbers aside: units, forms, schedule and linking words). Reasons ("for
 * nausea") end at the same words.
 */

/** Words skipped before a name: "I'm also taking", "me han recetado", "please add". */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  (
    "i im i'm ive i've am also now currently still just take takes taking took will need to on " +
    'use using have has had got was been started start starting prescribed given the my a an ' +
    'some new medication medications medicine medicines meds med drug drugs pill please add ' +
    'remind me about of it called named is are this that another other and plus ' +
    'yo tomo toma tomar tomando estoy tambien ahora me han ha he recetado recetada recetaron ' +
    'receto dieron dado mandado mando mandaron pusieron puesto mi mis el la los las un una ' +
    'unos unas uso usar usando anade anadir agrega agregar apunta apuntar recuerdame recordar ' +
    'medicamento medicamentos medicacion medicina pastilla que llamado llamada se llama de del ' +
    'nuevo nueva otra otro con sigo sigue empece empezado voy a y mas'
  ).split(' '),
);

/** Words that end a name or a reason. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  // Linking words and prepositions, English then Spanish.
  (
    'a an and or then plus also at in on for with without by via from until till starting as ' +
    'if when per every each after before during twice once thrice times time x take takes ' +
    'y o e luego ademas cada por al a en con sin para si cuando desde hasta durante vez veces ' +
    'de del la las el los tomar tomo despues antes ' +
    // Schedule words.
    'daily nightly weekly monthly prn bid tid qid qd od qhs hs q morning mornings night nights ' +
    'evening evenings afternoon afternoons noon midday bedtime bed breakfast lunch dinner ' +
    'supper meals meal day days week weeks month months hour hours today tomorrow ' +
    'diario diaria diariamente semanal mensual manana mananas noche noches tarde tardes ' +
    'mediodia desayuno almuerzo cena comida comidas dia dias semana semanas mes meses hora ' +
    'horas hoy ' +
    // Units, forms and routes.
    'mg mcg g ml units unit tablet tablets tab tabs pill pills capsule capsules cap caps drops ' +
    'drop puff puffs patch injection injections shot shots cream ' +
    'comprimido comprimidos pastilla pastillas capsula capsulas gotas gota sobre sobres parche ' +
    'inyeccion oral orally mouth iv po sc subcutaneous intravenous via ' +
    // Amounts.
    'half medio media one two three four five six dos tres cuatro cinco seis ' +
    // Words of a sentence about a medication, which are never its name.
    'doctor doctors oncologist nurse pharmacist said says told prescribed increased ' +
    'decreased reduced changed raised lowered dose dosage but now maybe think thought ' +
    'medico medica oncologo oncologa enfermera enfermero farmaceutico dijo dice ' +
    'subio bajo cambio dosis pero creo ' +
    // Answers and greetings, which are never a name.
    'yes no ok okay hello hi hola thanks thank gracias nothing none nada ninguno ninguna nope ' +
    'sure vale bueno sorry perdon'
  ).split(' '),
);
