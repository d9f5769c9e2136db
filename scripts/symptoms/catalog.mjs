// The symptom checker's clinical content: sections, symptoms, each symptom's questionnaire, and
// the red-flag rules of triage, in English and Hindi. This file is data: `npm run symptoms:build`
// turns it into SQL (migrations/0007_symptom_catalog.sql and the same block in ddl/schema.sql), and
// the Worker reads it from Postgres. Every questionnaire asks how long and how bad, then what
// separates the urgent from the routine for that complaint. Rules reference question ids
// (`<symptom>.<key>`) or the presence of a symptom; a rule holds when all its conditions do.
//
// Triage levels, most urgent first: emergency_ambulance (call 112 now), emergency (go to an
// emergency department now), consultation_24h (see a doctor within a day), consultation, self_care.

/**
 * The specialties the triage suggests, each with the pattern the doctor search sends to hospitals
 * (matched case-insensitively against their specialty codes and names; checked by the safe-pattern
 * guard when the catalog is built).
 */
export const specialties = [
  { code: 'general_medicine', en: 'General Medicine', hi: 'सामान्य चिकित्सा', pattern: 'general|internal|family' },
  { code: 'cardiology', en: 'Cardiology (heart)', hi: 'हृदय रोग', pattern: 'cardio' },
  { code: 'pulmonology', en: 'Pulmonology (chest)', hi: 'फेफड़ों के रोग', pattern: 'pulmo|chest|respirat' },
  { code: 'neurology', en: 'Neurology', hi: 'तंत्रिका रोग', pattern: 'neuro' },
  { code: 'gastroenterology', en: 'Gastroenterology (stomach)', hi: 'पेट के रोग', pattern: 'gastro|digestive' },
  { code: 'dermatology', en: 'Dermatology (skin)', hi: 'त्वचा रोग', pattern: 'dermat|skin' },
  { code: 'orthopaedics', en: 'Orthopaedics (bones)', hi: 'हड्डी रोग', pattern: 'orthop' },
  { code: 'ent', en: 'Ear, Nose and Throat', hi: 'कान, नाक और गला', pattern: '^ent$|otolaryng|ear, nose' },
  { code: 'ophthalmology', en: 'Ophthalmology (eyes)', hi: 'नेत्र रोग', pattern: 'ophthalm|^eye' },
  { code: 'urology', en: 'Urology', hi: 'मूत्र रोग', pattern: 'urolog|nephrolog' },
  { code: 'gynaecology', en: 'Obstetrics and Gynaecology', hi: 'स्त्री रोग', pattern: 'gyn|obstet' },
  { code: 'psychiatry', en: 'Psychiatry', hi: 'मनोरोग', pattern: 'psychiat|mental' },
]

/** Which specialties a section's complaints suggest, first the likeliest (a complaint may say otherwise). */
export const sectionSpecialties = {
  general: ['general_medicine'],
  head_nervous: ['neurology', 'general_medicine'],
  chest_breathing: ['pulmonology', 'general_medicine'],
  stomach_digestion: ['gastroenterology', 'general_medicine'],
  skin: ['dermatology'],
  bones_joints: ['orthopaedics'],
  ent: ['ent'],
  eyes: ['ophthalmology'],
  urinary: ['urology'],
  womens_health: ['gynaecology'],
  mental_health: ['psychiatry'],
}

/** Complaints whose specialties are not their section's. */
export const symptomSpecialties = {
  chest_pain: ['cardiology', 'general_medicine'],
  palpitations: ['cardiology', 'general_medicine'],
  yellow_skin_eyes: ['gastroenterology', 'general_medicine'],
  allergic_reaction: ['general_medicine', 'dermatology'],
  headache: ['general_medicine', 'neurology'],
  dizziness: ['general_medicine', 'neurology'],
  cough: ['general_medicine', 'pulmonology'],
}

export const sections = [
  { code: 'general', en: 'General', hi: 'सामान्य' },
  { code: 'head_nervous', en: 'Head and Nervous', hi: 'सिर और तंत्रिका तंत्र' },
  { code: 'chest_breathing', en: 'Chest and Breathing', hi: 'छाती और साँस' },
  { code: 'stomach_digestion', en: 'Stomach and Digestion', hi: 'पेट और पाचन' },
  { code: 'skin', en: 'Skin', hi: 'त्वचा' },
  { code: 'bones_joints', en: 'Bones and Joints', hi: 'हड्डियाँ और जोड़' },
  { code: 'ent', en: 'Ear, Nose and Throat', hi: 'कान, नाक और गला' },
  { code: 'eyes', en: 'Eyes', hi: 'आँखें' },
  { code: 'urinary', en: 'Urinary', hi: 'मूत्र' },
  { code: 'womens_health', en: "Women's Health", hi: 'महिलाओं का स्वास्थ्य' },
  { code: 'mental_health', en: 'Mental Health', hi: 'मानसिक स्वास्थ्य' },
]

const yn = (key, en, hi, more = {}) => ({ key, type: 'yes_no', en, hi, required: true, ...more })
const choice = (key, en, hi, options, more = {}) => ({ key, type: 'single_choice', en, hi, options, required: true, ...more })
const many = (key, en, hi, options, more = {}) => ({ key, type: 'multi_choice', en, hi, options, required: false, ...more })
const num = (key, en, hi, min, max, unit, more = {}) => ({ key, type: 'number', en, hi, min, max, unit, required: true, ...more })
const text = (key, en, hi, more = {}) => ({ key, type: 'text', en, hi, required: false, ...more })
const when = (key, op, value) => [{ q: key, op, value }]
const isYes = (key) => when(key, 'eq', true)

/** How long and how bad: the first two questions of every questionnaire. */
const standard = [
  { key: 'duration', type: 'duration', en: 'How long have you had this?', hi: 'यह तकलीफ़ कब से है?', required: true },
  choice('severity', 'How bad is it?', 'यह कितनी गंभीर है?', [
    ['mild', 'Mild: I can do my usual work', 'हल्की: रोज़ का काम कर पा रहे हैं'],
    ['moderate', 'Moderate: it gets in the way', 'मध्यम: काम में रुकावट आती है'],
    ['severe', 'Severe: I cannot do my usual work', 'गंभीर: रोज़ का काम नहीं कर पा रहे हैं'],
  ]),
]

const symptom = (code, section, en, hi, base, questions, keywords = []) => ({
  code,
  kind: 'complaint',
  section,
  en,
  hi,
  base,
  keywords,
  questions: [...standard, ...questions],
})

/** A condition on an answer of the screen, for the complaints' show-if. */
const screenIs = (key, value) => [{ q: `screen.${key}`, op: 'eq', value }]

/**
 * The danger signs every check asks first, whatever the complaint chosen, so that the level never
 * depends on which complaint the patient happened to pick: breathing, colour, consciousness,
 * chest pain, stroke signs, bleeding, fits, swelling of the airway, fever and temperature, heat,
 * bites and stings, a young child's danger and dehydration signs (WHO IMCI); age and sex come
 * from the profile (prefilled; the patient may change them).
 */
const screen = {
  code: 'screen',
  kind: 'screen',
  section: null,
  en: 'Danger signs',
  hi: 'ख़तरे के लक्षण',
  base: 'self_care',
  keywords: [],
  questions: [
    num('age_years', 'Age in years (0 for a baby under one)', 'उम्र साल में (एक साल से छोटे बच्चे के लिए 0)', 0, 120, 'years', {
      prefill: 'age_years',
    }),
    num('age_months', 'Age in months (for a child under two)', 'उम्र महीनों में (दो साल से छोटे बच्चे के लिए)', 0, 23, 'months', {
      prefill: 'age_months',
      show_if: when('age_years', 'lte', 1),
    }),
    choice(
      'sex',
      'Sex',
      'लिंग',
      [
        ['female', 'Female', 'महिला'],
        ['male', 'Male', 'पुरुष'],
        ['other', 'Other', 'अन्य'],
      ],
      { prefill: 'sex' },
    ),
    yn('pregnant', 'Are you pregnant, or could you be?', 'क्या आप गर्भवती हैं, या हो सकती हैं?', {
      show_if: [
        { q: 'sex', op: 'eq', value: 'female' },
        { q: 'age_years', op: 'gte', value: 12 },
        { q: 'age_years', op: 'lte', value: 55 },
      ],
    }),
    many(
      'danger',
      'Is any of these happening now? Choose all that apply, or none.',
      'क्या इनमें से कुछ अभी हो रहा है? जितने लागू हों सब चुनें, या कोई नहीं।',
      [
        [
          'breathless_at_rest',
          'Struggling to breathe even at rest, or cannot say a full sentence',
          'आराम में भी साँस लेने में बहुत तकलीफ़, या पूरा वाक्य नहीं बोल पाते',
        ],
        ['blue_lips', 'Blue or grey lips, tongue or face', 'होंठ, जीभ या चेहरा नीला या धूसर'],
        ['confused', 'Newly confused, very drowsy or hard to wake', 'अचानक भ्रम, बहुत ज़्यादा सुस्ती या जगाने में कठिनाई'],
        [
          'chest_pain',
          'Chest pain that feels heavy or tight, or spreads to the arm, jaw, neck or back',
          'सीने में भारी या जकड़न वाला दर्द, या दर्द जो बाँह, जबड़े, गर्दन या पीठ तक जाए',
        ],
        [
          'stroke_signs',
          'Sudden weakness or numbness of the face, arm or leg, or slurred speech',
          'चेहरे, हाथ या पैर में अचानक कमज़ोरी या सुन्नपन, या लड़खड़ाती बोली',
        ],
        ['thunderclap_headache', 'A sudden, very severe headache, the worst ever', 'अचानक, बहुत तेज़ सिरदर्द, अब तक का सबसे बुरा'],
        ['heavy_bleeding', 'Heavy bleeding that does not stop with firm pressure', 'ज़ोर से दबाने पर भी न रुकने वाला भारी खून'],
        ['vomiting_blood', 'Vomiting blood, or black, tarry stools', 'खून की उल्टी, या काला, तारकोल जैसा मल'],
        ['seizure', 'A fit (seizure) now or in the last 24 hours', 'अभी या पिछले 24 घंटों में दौरा (मिर्गी)'],
        ['face_swelling', 'Sudden swelling of the lips, tongue, face or throat', 'होंठ, जीभ, चेहरे या गले में अचानक सूजन'],
        ['no_urine', 'No urine, or very little, for 12 hours (8 hours in a child)', '12 घंटे से (बच्चे में 8 घंटे से) पेशाब नहीं या बहुत कम'],
        ['collapsed', 'Fainted or collapsed today', 'आज बेहोश हुए या गिर पड़े'],
        ['self_harm', 'Thoughts of ending your life, or you have harmed yourself', 'जीवन ख़त्म करने के विचार, या ख़ुद को चोट पहुँचाई है'],
      ],
      { required: true },
    ),
    yn('fever', 'Do you have a fever, or feel hot and shivery?', 'क्या बुखार है, या गरमी और कँपकँपी लग रही है?'),
    yn('measured', 'Did you measure the temperature with a thermometer?', 'क्या थर्मामीटर से तापमान नापा?', { show_if: isYes('fever') }),
    num('temperature', 'Highest temperature measured (°C)', 'सबसे ज़्यादा नापा गया तापमान (°C)', 34, 43, '°C', {
      show_if: isYes('measured'),
    }),
    many(
      'fever_signs',
      'With the fever, is there any of these? Choose all that apply, or none.',
      'बुखार के साथ क्या इनमें से कुछ है? जितने लागू हों सब चुनें, या कोई नहीं।',
      [
        ['stiff_neck', 'A stiff neck, painful to bend forward', 'अकड़ी गर्दन, आगे झुकाने में दर्द'],
        ['rash_not_fading', 'A rash of spots that do not fade when a glass is pressed on them', 'ऐसे दाने जो गिलास से दबाने पर भी नहीं मिटते'],
        ['bleeding', 'Bleeding from the gums or nose, or red spots under the skin', 'मसूड़ों या नाक से खून, या त्वचा के नीचे लाल धब्बे'],
        ['belly_pain', 'Severe or constant pain in the belly', 'पेट में तेज़ या लगातार दर्द'],
        ['vomiting', 'Vomiting three times or more in a day', 'एक दिन में तीन या ज़्यादा बार उल्टी'],
        ['cold_hands', 'Cold, clammy hands and feet', 'ठंडे और चिपचिपे हाथ-पैर'],
        ['yellow_eyes', 'Yellow eyes or skin', 'पीली आँखें या त्वचा'],
      ],
      { required: true, show_if: isYes('fever') },
    ),
    yn(
      'malaria_area',
      'In the last month, have you lived in or visited a place with malaria (forest or tribal areas, the north-east, or a town with cases)?',
      'क्या पिछले एक महीने में ऐसी जगह रहे या गए जहाँ मलेरिया होता है (जंगल या आदिवासी इलाक़े, पूर्वोत्तर, या मामलों वाला शहर)?',
      { show_if: isYes('fever') },
    ),
    yn(
      'heat',
      'In the last day, have you been out in strong heat or sun, or worked hard in the heat?',
      'क्या पिछले एक दिन में तेज़ गर्मी या धूप में रहे, या गर्मी में भारी काम किया?',
    ),
    yn(
      'bite',
      'In the last three days, were you bitten or stung by a snake, scorpion, dog or other animal or insect?',
      'क्या पिछले तीन दिनों में साँप, बिच्छू, कुत्ते या किसी और जानवर या कीड़े ने काटा या डंक मारा?',
    ),
    choice(
      'bite_kind',
      'What bit or stung you?',
      'किसने काटा या डंक मारा?',
      [
        ['bee_wasp', 'A bee, wasp or hornet', 'मधुमक्खी, ततैया या बर्र'],
        ['other_insect', 'Another insect or a spider', 'कोई और कीड़ा या मकड़ी'],
        ['mammal', 'A dog, cat, monkey, bat or other animal', 'कुत्ता, बिल्ली, बंदर, चमगादड़ या कोई और जानवर'],
        ['scorpion', 'A scorpion', 'बिच्छू'],
        ['snake', 'A snake, or it might have been one', 'साँप, या साँप हो सकता है'],
      ],
      { show_if: isYes('bite') },
    ),
    many(
      'child',
      'Does the child have any of these? Choose all that apply, or none.',
      'क्या बच्चे में इनमें से कुछ है? जितने लागू हों सब चुनें, या कोई नहीं।',
      [
        ['cannot_drink', 'Not able to drink or breastfeed', 'पानी नहीं पी पा रहा या स्तनपान नहीं कर पा रहा'],
        ['vomits_everything', 'Vomits everything', 'सब कुछ उल्टी कर देता है'],
        ['lethargic', 'Unusually sleepy, floppy or hard to wake', 'असामान्य रूप से सुस्त, ढीला या जगाने में कठिनाई'],
        ['restless', 'Restless and irritable', 'बेचैन और चिड़चिड़ा'],
        ['sunken_eyes', 'Sunken eyes', 'धँसी हुई आँखें'],
        ['very_thirsty', 'Very thirsty, drinks eagerly', 'बहुत प्यासा, जल्दी-जल्दी पीता है'],
        ['slow_skin_pinch', 'A pinch of skin on the belly goes back slowly', 'पेट की त्वचा चुटकी से उठाने पर धीरे वापस जाती है'],
        ['fast_breathing', 'Breathing fast, or the chest pulls in with each breath', 'तेज़ साँस, या हर साँस में छाती अंदर धँसती है'],
      ],
      { required: true, show_if: when('age_years', 'lte', 4) },
    ),
  ],
}

export const symptoms = [
  screen,
  // General
  symptom(
    'fever',
    'general',
    'Fever',
    'बुखार',
    'consultation',
    [
      // The fever's danger signs (meningitis, dengue, malaria, sepsis) are asked in the screen, whatever the complaint.
      yn('chills', 'Do you get shaking chills (kapkapi)?', 'क्या कँपकँपी के साथ ठंड लगती है?'),
      yn(
        'comes_goes',
        'Does the fever come and go, with sweating and feeling better in between?',
        'क्या बुखार आता-जाता है, बीच में पसीना आकर ठीक लगता है?',
      ),
    ],
    ['bukhar', 'bukhaar', 'tap', 'temperature', 'बुखार', 'ताप'],
  ),
  symptom(
    'fatigue',
    'general',
    'Tiredness and weakness',
    'थकान और कमज़ोरी',
    'consultation',
    [
      yn(
        'breathless_on_effort',
        'Do you get breathless doing things you used to do easily?',
        'क्या जो काम पहले आसानी से करते थे, उनमें साँस फूलती है?',
      ),
      yn('weight_loss', 'Have you lost weight without trying?', 'क्या बिना कोशिश के वज़न घटा है?'),
      yn('pale', 'Have you or others noticed you look pale?', 'क्या आप या दूसरों ने देखा कि आप पीले/फीके दिखते हैं?'),
      yn('thirst_urination', 'More thirst and passing urine more often than usual?', 'क्या सामान्य से ज़्यादा प्यास और बार-बार पेशाब हो रहा है?'),
    ],
    ['kamzori', 'thakan', 'weakness', 'कमज़ोरी', 'थकान'],
  ),
  symptom(
    'weight_loss',
    'general',
    'Unexplained weight loss',
    'बिना कारण वज़न घटना',
    'consultation',
    [
      num('kg_lost', 'About how many kilograms have you lost?', 'लगभग कितने किलो वज़न घटा है?', 0, 60, 'kg'),
      yn('appetite_loss', 'Have you lost your appetite?', 'क्या भूख कम हो गई है?'),
      yn('cough_3_weeks', 'Have you had a cough for more than three weeks?', 'क्या तीन हफ़्ते से ज़्यादा से खाँसी है?'),
      yn('night_sweats', 'Do you sweat heavily at night?', 'क्या रात में बहुत पसीना आता है?'),
    ],
    ['vajan kam', 'wazan ghat', 'वज़न'],
  ),
  symptom(
    'body_ache',
    'general',
    'Body ache',
    'बदन दर्द',
    'self_care',
    [
      yn('dark_urine', 'Is your urine dark like cola, or very little?', 'क्या पेशाब कोला जैसा गहरा या बहुत कम है?'),
      yn('after_exercise', 'Did it start after unusually hard exercise or work?', 'क्या यह बहुत ज़्यादा मेहनत या व्यायाम के बाद शुरू हुआ?'),
    ],
    ['badan dard', 'body pain', 'बदन दर्द'],
  ),
  symptom(
    'night_sweats',
    'general',
    'Night sweats',
    'रात में पसीना',
    'consultation',
    [
      yn('cough', 'Do you have a cough?', 'क्या खाँसी है?'),
      yn('weight_loss', 'Have you lost weight without trying?', 'क्या बिना कोशिश के वज़न घटा है?'),
    ],
    ['raat ko pasina', 'पसीना'],
  ),

  symptom(
    'bite_sting',
    'general',
    'Bite or sting',
    'काटना या डंक',
    'self_care',
    [
      many(
        'snake_signs',
        'Since the snake bite, have any of these appeared?',
        'साँप के काटने के बाद क्या इनमें से कुछ हुआ है?',
        [
          ['swelling_spreading', 'Swelling spreading up the limb', 'सूजन अंग में ऊपर की ओर फैल रही है'],
          ['bleeding', 'Bleeding from the bite, gums or nose', 'काटी जगह, मसूड़ों या नाक से खून'],
          ['eyelids', 'Drooping eyelids, double vision or difficulty swallowing', 'पलकें झुकना, दोहरा दिखना या निगलने में कठिनाई'],
        ],
        { show_if: screenIs('bite_kind', 'snake') },
      ),
      yn('skin_broken', 'Did the bite or scratch break the skin or make it bleed?', 'क्या काटने या खरोंच से त्वचा कटी या खून निकला?', {
        show_if: screenIs('bite_kind', 'mammal'),
      }),
      yn('head_hands', 'Is it on the face, head, neck or hands?', 'क्या यह चेहरे, सिर, गर्दन या हाथों पर है?', {
        show_if: screenIs('bite_kind', 'mammal'),
      }),
      yn('rabies_vaccine', 'Have you had a full course of rabies vaccine before?', 'क्या पहले रेबीज़ के टीके का पूरा कोर्स लगा है?', {
        show_if: screenIs('bite_kind', 'mammal'),
      }),
      many(
        'scorpion_signs',
        'Since the scorpion sting, have any of these appeared?',
        'बिच्छू के डंक के बाद क्या इनमें से कुछ हुआ है?',
        [
          ['sweating_vomiting', 'Heavy sweating or vomiting', 'बहुत पसीना या उल्टी'],
          ['cold_limbs', 'Cold hands and feet', 'ठंडे हाथ-पैर'],
          ['breathless', 'Breathlessness or cough with froth', 'साँस फूलना या झाग वाली खाँसी'],
        ],
        { show_if: screenIs('bite_kind', 'scorpion') },
      ),
      yn('many_stings', 'More than ten stings?', 'क्या दस से ज़्यादा डंक लगे?', { show_if: screenIs('bite_kind', 'bee_wasp') }),
      yn('allergic_before', 'Have you had a serious allergic reaction to a sting before?', 'क्या पहले किसी डंक से गंभीर एलर्जी हुई है?', {
        show_if: screenIs('bite_kind', 'bee_wasp'),
      }),
    ],
    ['saanp', 'saap ne kata', 'bichhu', 'kutte ne kata', 'dank', 'साँप', 'बिच्छू', 'कुत्ते ने काटा', 'डंक'],
  ),
  symptom(
    'heat_illness',
    'general',
    'Illness from heat',
    'गर्मी से बीमारी (लू)',
    'self_care',
    [
      yn('hot_dry_skin', 'Hot, dry skin, no longer sweating?', 'क्या त्वचा गरम और सूखी है, पसीना आना बंद हो गया?'),
      yn('cannot_drink', 'Unable to drink, or vomiting what you drink?', 'क्या पानी नहीं पी पा रहे, या जो पीते हैं उल्टी हो जाती है?'),
      yn('cramps', 'Painful muscle cramps?', 'क्या मांसपेशियों में दर्द वाली ऐंठन है?'),
      yn('headache_nausea', 'Headache, nausea or weakness?', 'क्या सिरदर्द, जी मिचलाना या कमज़ोरी है?'),
      yn(
        'not_better',
        'Still unwell after 30 minutes of rest in a cool place with fluids?',
        'क्या ठंडी जगह आराम और पानी के 30 मिनट बाद भी तबीयत ठीक नहीं?',
      ),
    ],
    ['loo', 'loo lagna', 'garmi', 'heat stroke', 'लू', 'गर्मी'],
  ),

  // Head and Nervous
  symptom(
    'headache',
    'head_nervous',
    'Headache',
    'सिरदर्द',
    'self_care',
    [
      yn('worst_ever', 'Is this the worst headache of your life?', 'क्या यह आपकी ज़िंदगी का सबसे तेज़ सिरदर्द है?'),
      yn(
        'sudden_onset',
        'Did it reach full strength within a minute (like a thunderclap)?',
        'क्या दर्द एक मिनट के अंदर पूरी तेज़ी पर पहुँच गया (अचानक धमाके जैसा)?',
      ),
      yn('weakness', 'Any weakness, numbness, drooping face or slurred speech?', 'क्या कमज़ोरी, सुन्नपन, चेहरे का टेढ़ापन या लड़खड़ाती बोली है?'),
      yn('fever_stiff_neck', 'Fever with a stiff neck?', 'क्या गर्दन की अकड़न के साथ बुखार है?'),
      yn('head_injury', 'Did it start after a blow to the head?', 'क्या यह सिर पर चोट लगने के बाद शुरू हुआ?'),
      yn('vision', 'Blurred or double vision with the headache?', 'क्या सिरदर्द के साथ धुंधला या दोहरा दिखता है?'),
      yn('light_hurts', 'Does light hurt your eyes?', 'क्या रोशनी से आँखों में दर्द होता है?'),
      yn(
        'jaw_scalp',
        'Pain in the jaw when chewing, or a tender scalp or temple?',
        'क्या चबाते समय जबड़े में दर्द, या सिर की त्वचा या कनपटी छूने पर दर्द है?',
      ),
      choice('pattern', 'Have you had headaches like this before?', 'क्या पहले भी ऐसा सिरदर्द हुआ है?', [
        ['often', 'Yes, often', 'हाँ, अक्सर'],
        ['sometimes', 'A few times', 'कुछ बार'],
        ['never', 'Never like this', 'ऐसा कभी नहीं'],
      ]),
    ],
    ['sir dard', 'sar dard', 'sirdard', 'सिरदर्द', 'सिर दर्द', 'migraine'],
  ),
  symptom(
    'dizziness',
    'head_nervous',
    'Dizziness',
    'चक्कर आना',
    'consultation',
    [
      choice('kind', 'What does it feel like?', 'कैसा महसूस होता है?', [
        ['spinning', 'The room spins', 'कमरा घूमता हुआ लगता है'],
        ['lightheaded', 'Light-headed, as if about to faint', 'सिर हल्का, जैसे बेहोश हो जाएँगे'],
        ['unsteady', 'Unsteady on my feet', 'पैरों पर संतुलन नहीं रहता'],
      ]),
      yn(
        'weakness_speech',
        'Any weakness on one side, slurred speech or double vision?',
        'क्या एक तरफ़ कमज़ोरी, लड़खड़ाती बोली या दोहरा दिखना है?',
      ),
      yn('chest_pain', 'Chest pain or a racing heart with it?', 'क्या साथ में सीने में दर्द या तेज़ धड़कन है?'),
      yn('on_standing', 'Does it happen mostly when you stand up?', 'क्या यह ज़्यादातर खड़े होने पर होता है?'),
    ],
    ['chakkar', 'ghabrahat', 'चक्कर'],
  ),
  symptom(
    'fainting',
    'head_nervous',
    'Fainting',
    'बेहोशी',
    'consultation_24h',
    [
      yn('during_exertion', 'Did you faint during exercise or exertion?', 'क्या मेहनत या व्यायाम करते समय बेहोश हुए?'),
      yn('chest_pain_palpitations', 'Chest pain or a racing heart before fainting?', 'क्या बेहोशी से पहले सीने में दर्द या तेज़ धड़कन हुई?'),
      yn('injury', 'Were you hurt when you fell?', 'क्या गिरने पर चोट लगी?'),
    ],
    ['behosh', 'behoshi', 'बेहोश'],
  ),
  symptom(
    'numbness_weakness',
    'head_nervous',
    'Numbness or weakness',
    'सुन्नपन या कमज़ोरी',
    'consultation_24h',
    [
      yn('one_side', 'Is it on one side of the body (arm, leg or face)?', 'क्या यह शरीर की एक तरफ़ (हाथ, पैर या चेहरा) है?'),
      yn('face_speech', 'Drooping face or difficulty speaking?', 'क्या चेहरा टेढ़ा है या बोलने में कठिनाई है?'),
      choice('started', 'When did it start?', 'यह कब शुरू हुआ?', [
        ['within_hours', 'In the last few hours', 'पिछले कुछ घंटों में'],
        ['days', 'Days ago', 'कुछ दिन पहले'],
        ['long', 'Weeks or more', 'हफ़्तों या उससे पहले'],
      ]),
    ],
    ['sunn', 'lakwa', 'paralysis', 'सुन्न', 'लकवा'],
  ),
  symptom(
    'seizure',
    'head_nervous',
    'Seizure (fit)',
    'दौरा (मिर्गी)',
    'emergency',
    [
      yn('first_ever', 'Is this the first seizure ever?', 'क्या यह पहला दौरा है?'),
      yn(
        'over_5_minutes',
        'Did it last more than 5 minutes, or did fits follow each other without waking?',
        'क्या दौरा 5 मिनट से ज़्यादा चला, या बिना होश आए बार-बार आया?',
      ),
      yn('not_awake', 'Is the person still not fully awake?', 'क्या व्यक्ति अभी भी पूरी तरह होश में नहीं है?'),
    ],
    ['daura', 'mirgi', 'fits', 'दौरा', 'मिर्गी'],
  ),

  symptom(
    'confusion',
    'head_nervous',
    'Confusion',
    'भ्रम (उलझन)',
    'consultation',
    [
      choice('started', 'When did the confusion start?', 'भ्रम कब शुरू हुआ?', [
        ['weeks', 'Slowly, over weeks or months', 'धीरे-धीरे, हफ़्तों या महीनों में'],
        ['days', 'In the last few days', 'पिछले कुछ दिनों में'],
        ['hours', 'Today, within hours', 'आज, कुछ घंटों में'],
      ]),
      yn('head_injury', 'A fall or a blow to the head recently?', 'क्या हाल में गिरे या सिर पर चोट लगी?'),
      yn('diabetes', 'Diabetes treated with insulin or sugar tablets?', 'क्या डायबिटीज़ है जिसके लिए इंसुलिन या शुगर की गोलियाँ लेते हैं?'),
      yn(
        'new_medicine_alcohol',
        'A new medicine, or stopping or drinking a lot of alcohol?',
        'कोई नई दवा, या शराब छोड़ना या बहुत ज़्यादा पीना?',
      ),
    ],
    ['bhram', 'uljhan', 'bahki bahki baatein', 'भ्रम', 'उलझन'],
  ),

  // Chest and Breathing
  symptom(
    'cough',
    'chest_breathing',
    'Cough',
    'खाँसी',
    'self_care',
    [
      choice('type', 'Is the cough dry or with phlegm?', 'खाँसी सूखी है या बलगम वाली?', [
        ['dry', 'Dry', 'सूखी'],
        ['wet', 'With phlegm', 'बलगम वाली'],
      ]),
      choice(
        'phlegm_colour',
        'What colour is the phlegm?',
        'बलगम का रंग कैसा है?',
        [
          ['clear', 'Clear or white', 'साफ़ या सफ़ेद'],
          ['yellow_green', 'Yellow or green', 'पीला या हरा'],
          ['rusty', 'Rust-coloured or pink and frothy', 'जंग जैसा या गुलाबी झागदार'],
        ],
        { show_if: when('type', 'eq', 'wet') },
      ),
      yn('blood', 'Have you coughed up blood?', 'क्या खाँसी में खून आया है?'),
      choice('breathing_difficulty', 'Do you have difficulty breathing?', 'क्या साँस लेने में तकलीफ़ है?', [
        ['none', 'No', 'नहीं'],
        ['on_effort', 'Only when walking or climbing stairs', 'सिर्फ़ चलने या सीढ़ी चढ़ने पर'],
        ['at_rest', 'Even at rest, or cannot finish a sentence', 'आराम करते हुए भी, या वाक्य पूरा नहीं कर पाते'],
      ]),
      yn('chest_pain', 'Chest pain when you breathe or cough?', 'क्या साँस लेने या खाँसने पर सीने में दर्द होता है?'),
      yn('weight_loss', 'Have you lost weight without trying?', 'क्या बिना कोशिश के वज़न घटा है?'),
      yn('night_sweats', 'Do you sweat heavily at night?', 'क्या रात में बहुत पसीना आता है?'),
      yn('tb_contact', 'Has someone you live with had TB?', 'क्या आपके साथ रहने वाले किसी को टीबी हुई है?'),
    ],
    ['khansi', 'khaansi', 'khasi', 'खाँसी', 'खांसी'],
  ),
  symptom(
    'breathlessness',
    'chest_breathing',
    'Shortness of breath',
    'साँस फूलना',
    'consultation_24h',
    [
      choice('when', 'When are you short of breath?', 'साँस कब फूलती है?', [
        ['effort', 'On effort only', 'सिर्फ़ मेहनत करने पर'],
        ['lying_flat', 'When lying flat, or it wakes me at night', 'लेटने पर, या रात में नींद खुल जाती है'],
        ['at_rest', 'At rest, all the time', 'आराम में भी, हर समय'],
      ]),
      yn('chest_pain', 'Chest pain with it?', 'क्या साथ में सीने में दर्द है?'),
      yn('swollen_legs', 'Are both legs swollen?', 'क्या दोनों पैरों में सूजन है?'),
      yn('asthma', 'Do you have asthma or COPD?', 'क्या आपको दमा (अस्थमा) या सीओपीडी है?'),
      choice(
        'inhaler',
        'Does your reliever inhaler help?',
        'क्या आपका राहत वाला इनहेलर काम करता है?',
        [
          ['helps', 'Yes, it helps for hours', 'हाँ, घंटों तक राहत देता है'],
          ['no_inhaler', 'I have none, or have not used it', 'मेरे पास नहीं है, या इस्तेमाल नहीं किया'],
          ['not_helping', 'It does not help, or only for minutes', 'काम नहीं करता, या बस कुछ मिनट'],
        ],
        { show_if: isYes('asthma') },
      ),
      yn('one_calf', 'Is one calf swollen, red or painful?', 'क्या एक पिंडली सूजी, लाल या दर्द वाली है?'),
      yn(
        'clot_risk',
        'In the last month: an operation, days in bed, a plaster cast or a journey of many hours; or are you pregnant or did you give birth recently?',
        'पिछले एक महीने में: कोई ऑपरेशन, कई दिन बिस्तर पर, प्लास्टर, या कई घंटों की यात्रा; या आप गर्भवती हैं या हाल में बच्चा हुआ है?',
      ),
      num('spo2', 'Oxygen level on a pulse oximeter, if you have one (%)', 'पल्स ऑक्सीमीटर पर ऑक्सीजन स्तर, अगर है (%)', 50, 100, '%', {
        required: false,
      }),
    ],
    ['saans', 'sans phoolna', 'dam ghutna', 'साँस', 'सांस'],
  ),
  symptom(
    'chest_pain',
    'chest_breathing',
    'Chest pain',
    'सीने में दर्द',
    'consultation_24h',
    [
      choice('character', 'What is the pain like?', 'दर्द कैसा है?', [
        ['pressure', 'Pressure, heaviness or squeezing', 'दबाव, भारीपन या जकड़न'],
        ['sharp', 'Sharp, worse when breathing in', 'चुभने वाला, साँस लेने पर बढ़ता है'],
        ['burning', 'Burning, after meals', 'जलन, खाने के बाद'],
        ['touch', 'Sore to touch or on moving', 'छूने या हिलने पर दर्द'],
      ]),
      yn('spreading', 'Does it spread to the arm, jaw, neck or back?', 'क्या दर्द बाँह, जबड़े, गर्दन या पीठ तक जाता है?'),
      yn('sweating', 'Sweating, nausea or feeling faint with it?', 'क्या साथ में पसीना, जी मिचलाना या बेहोशी जैसा लगता है?'),
      yn('at_rest', 'Did it come on at rest, or has it lasted more than 15 minutes?', 'क्या दर्द आराम में शुरू हुआ, या 15 मिनट से ज़्यादा रहा?'),
      yn('heart_history', 'Do you have heart disease, diabetes or high blood pressure?', 'क्या आपको हृदय रोग, मधुमेह या उच्च रक्तचाप है?'),
    ],
    ['seene mein dard', 'chhati mein dard', 'heart pain', 'सीने', 'छाती'],
  ),
  symptom(
    'palpitations',
    'chest_breathing',
    'Palpitations (racing heart)',
    'धड़कन तेज़ होना',
    'consultation',
    [
      yn('fainting', 'Have you fainted or nearly fainted?', 'क्या आप बेहोश हुए या होने वाले थे?'),
      yn('chest_pain_breathless', 'Chest pain or breathlessness with it?', 'क्या साथ में सीने में दर्द या साँस फूलना है?'),
      yn('ongoing', 'Is it happening right now, for more than 20 minutes?', 'क्या यह अभी हो रहा है, 20 मिनट से ज़्यादा से?'),
      yn('irregular', 'Does the beat feel irregular?', 'क्या धड़कन अनियमित लगती है?'),
    ],
    ['dhadkan', 'ghabrahat', 'धड़कन'],
  ),
  symptom(
    'wheezing',
    'chest_breathing',
    'Wheezing',
    'साँस में सीटी',
    'consultation',
    [
      yn('known_asthma', 'Have you been told you have asthma or COPD?', 'क्या आपको बताया गया है कि आपको दमा या सीओपीडी है?'),
      yn('inhaler_not_helping', 'Is your usual inhaler not helping?', 'क्या आपका सामान्य इनहेलर काम नहीं कर रहा?'),
      yn('night_waking', 'Does it wake you at night?', 'क्या इससे रात में नींद खुलती है?'),
    ],
    ['seeti', 'dama', 'asthma', 'दमा'],
  ),

  // Stomach and Digestion
  symptom(
    'abdominal_pain',
    'stomach_digestion',
    'Stomach pain',
    'पेट दर्द',
    'consultation',
    [
      choice('location', 'Where is the pain?', 'दर्द कहाँ है?', [
        ['upper', 'Upper belly', 'पेट के ऊपरी हिस्से में'],
        ['lower_right', 'Lower right', 'नीचे दाईं ओर'],
        ['lower_left', 'Lower left', 'नीचे बाईं ओर'],
        ['around_navel', 'Around the navel', 'नाभि के आसपास'],
        ['all_over', 'All over', 'पूरे पेट में'],
      ]),
      yn('rigid', 'Is the belly hard, or does walking or coughing make it much worse?', 'क्या पेट सख़्त है, या चलने/खाँसने से दर्द बहुत बढ़ता है?'),
      yn('vomiting_blood', 'Vomiting blood or black stools?', 'क्या खून की उल्टी या काला मल है?'),
      yn('no_stool_gas', 'No stool or gas passed, with a swollen belly?', 'क्या मल या गैस नहीं निकल रही और पेट फूला है?'),
    ],
    ['pet dard', 'pet me dard', 'stomach ache', 'पेट दर्द', 'पेट'],
  ),
  symptom(
    'vomiting',
    'stomach_digestion',
    'Vomiting',
    'उल्टी',
    'self_care',
    [
      num('times_today', 'How many times in the last 24 hours?', 'पिछले 24 घंटों में कितनी बार?', 0, 100, 'times'),
      yn('blood', 'Blood or coffee-ground material in the vomit?', 'क्या उल्टी में खून या कॉफ़ी जैसे कण हैं?'),
      yn('no_fluids', 'Unable to keep even water down?', 'क्या पानी भी पेट में नहीं टिकता?'),
      yn('dry_dizzy', 'A very dry mouth, or dizzy when you stand up?', 'क्या मुँह बहुत सूखा है, या खड़े होने पर चक्कर आते हैं?'),
      yn('head_injury', 'Did it start after a head injury?', 'क्या यह सिर की चोट के बाद शुरू हुआ?'),
    ],
    ['ulti', 'ulati', 'vomit', 'उल्टी', 'जी मिचलाना'],
  ),
  symptom(
    'diarrhoea',
    'stomach_digestion',
    'Loose motions (diarrhoea)',
    'दस्त',
    'self_care',
    [
      num('times_today', 'How many loose stools in the last 24 hours?', 'पिछले 24 घंटों में कितनी बार पतला मल?', 0, 100, 'times'),
      yn('blood', 'Blood or mucus in the stool?', 'क्या मल में खून या आँव है?'),
      yn('dry_dizzy', 'A very dry mouth, or dizzy when you stand up?', 'क्या मुँह बहुत सूखा है, या खड़े होने पर चक्कर आते हैं?'),
      yn('rice_water', 'Large watery stools like rice water?', 'क्या चावल के पानी जैसे बहुत पतले दस्त हैं?'),
    ],
    ['dast', 'loose motion', 'pet kharab', 'दस्त'],
  ),
  symptom(
    'constipation',
    'stomach_digestion',
    'Constipation',
    'कब्ज़',
    'self_care',
    [
      yn('no_gas', 'No gas passed, with vomiting or a swollen belly?', 'क्या गैस नहीं निकल रही, साथ में उल्टी या पेट फूला है?'),
      yn('blood', 'Blood in the stool?', 'क्या मल में खून है?'),
      yn(
        'weight_loss',
        'Weight loss or a recent change in bowel habit (age over 45)?',
        'क्या वज़न घटा है या हाल में मल की आदत बदली है (45 से ज़्यादा उम्र)?',
      ),
    ],
    ['kabz', 'kabj', 'कब्ज़', 'कब्ज'],
  ),
  symptom(
    'heartburn',
    'stomach_digestion',
    'Acidity and heartburn',
    'एसिडिटी और सीने में जलन',
    'self_care',
    [
      yn('swallowing', 'Difficulty or pain swallowing food?', 'क्या खाना निगलने में कठिनाई या दर्द है?'),
      yn('black_stool', 'Black stools or vomiting blood?', 'क्या काला मल या खून की उल्टी है?'),
      yn('exertion', 'Does it come on with walking or exertion?', 'क्या यह चलने या मेहनत करने पर होती है?'),
      yn(
        'painkillers',
        'Do you take painkillers (like ibuprofen or diclofenac) often?',
        'क्या आप अक्सर दर्द निवारक (जैसे आइबुप्रोफ़ेन, डाइक्लोफ़ेनाक) लेते हैं?',
      ),
    ],
    ['acidity', 'jalan', 'khatti dakar', 'एसिडिटी', 'जलन'],
  ),
  symptom(
    'blood_in_stool',
    'stomach_digestion',
    'Blood in stool',
    'मल में खून',
    'consultation_24h',
    [
      choice('appearance', 'What does it look like?', 'यह कैसा दिखता है?', [
        ['bright_red', 'Bright red, on the paper or stool', 'चमकीला लाल, मल पर या कागज़ पर'],
        ['mixed_dark', 'Dark red, mixed in', 'गहरा लाल, मल में मिला हुआ'],
        ['black_tarry', 'Black and sticky like tar', 'तारकोल जैसा काला और चिपचिपा'],
      ]),
      yn('faint', 'Feeling faint or dizzy?', 'क्या बेहोशी या चक्कर जैसा लग रहा है?'),
      yn('large_amount', 'More than a few spoonfuls?', 'क्या कुछ चम्मच से ज़्यादा खून है?'),
    ],
    ['khoon', 'potty mein khoon', 'मल में खून'],
  ),

  // Skin
  symptom(
    'rash',
    'skin',
    'Rash',
    'चकत्ते (दाने)',
    'self_care',
    [
      yn('not_fading', 'Does it stay when you press a glass on it?', 'क्या गिलास से दबाने पर भी दाने नहीं मिटते?'),
      yn('blisters', 'Blisters on the skin, or skin peeling off?', 'क्या त्वचा पर छाले हैं, या त्वचा उतर रही है?'),
      yn('mucosal_sores', 'Sores in the mouth, eyes or genitals?', 'क्या मुँह, आँखों या जननांगों में घाव हैं?'),
      yn('new_medicine', 'Did you start a new medicine in the last two weeks?', 'क्या पिछले दो हफ़्तों में कोई नई दवा शुरू की?'),
    ],
    ['daane', 'chakatte', 'khujli wale daane', 'दाने', 'चकत्ते'],
  ),
  symptom(
    'itching',
    'skin',
    'Itching',
    'खुजली',
    'self_care',
    [
      yn('night_family', 'Worse at night, or others at home itch too?', 'क्या रात में ज़्यादा है, या घर में दूसरों को भी खुजली है?'),
      yn('yellow_eyes', 'Yellow eyes or dark urine?', 'क्या आँखें पीली या पेशाब गहरा है?'),
      many('where', 'Where is it?', 'कहाँ है?', [
        ['scalp', 'Scalp', 'सिर की त्वचा'],
        ['hands', 'Hands or between fingers', 'हाथ या उँगलियों के बीच'],
        ['groin', 'Groin or folds', 'जांघों के बीच या सिलवटों में'],
        ['all_over', 'All over', 'पूरे शरीर में'],
      ]),
    ],
    ['khujli', 'itch', 'खुजली'],
  ),
  symptom(
    'skin_infection',
    'skin',
    'Boil, wound or skin infection',
    'फोड़ा, घाव या त्वचा संक्रमण',
    'consultation',
    [
      yn('spreading_red', 'Is the redness spreading quickly?', 'क्या लालिमा तेज़ी से फैल रही है?'),
      yn('diabetes', 'Do you have diabetes?', 'क्या आपको मधुमेह (डायबिटीज़) है?'),
      yn('animal_bite', 'Is it from an animal bite (dog, cat, monkey)?', 'क्या यह किसी जानवर (कुत्ता, बिल्ली, बंदर) के काटने से है?'),
    ],
    ['phoda', 'ghav', 'फोड़ा', 'घाव'],
  ),
  symptom(
    'yellow_skin_eyes',
    'skin',
    'Yellow skin or eyes (jaundice)',
    'त्वचा या आँखों में पीलापन (पीलिया)',
    'consultation_24h',
    [
      yn('confusion', 'Confusion or unusual sleepiness?', 'क्या भ्रम या असामान्य नींद है?'),
      yn('bleeding', 'Bleeding or easy bruising?', 'क्या खून बहना या आसानी से नील पड़ना है?'),
      yn('pain_fever', 'Pain in the upper right belly with fever?', 'क्या बुखार के साथ पेट के ऊपर दाईं ओर दर्द है?'),
    ],
    ['piliya', 'peeliya', 'jaundice', 'पीलिया'],
  ),

  symptom(
    'allergic_reaction',
    'skin',
    'Allergic reaction',
    'एलर्जी',
    'self_care',
    [
      choice('trigger', 'What do you think caused it?', 'आपके हिसाब से यह किससे हुआ?', [
        ['unknown', 'I do not know', 'पता नहीं'],
        ['food', 'A food', 'कोई खाना'],
        ['medicine', 'A medicine', 'कोई दवा'],
        ['sting', 'An insect sting', 'कीड़े का डंक'],
      ]),
      yn('hives', 'An itchy, raised rash (hives) spreading over the body?', 'क्या खुजली वाले उभरे दाने (पित्ती) पूरे शरीर में फैल रहे हैं?'),
      yn('vomiting_cramps', 'Vomiting or stomach cramps since it started?', 'क्या शुरू होने के बाद से उल्टी या पेट में ऐंठन है?'),
      yn('faint', 'Feeling faint, dizzy or very weak?', 'क्या बेहोशी, चक्कर या बहुत कमज़ोरी लग रही है?'),
      yn(
        'anaphylaxis_before',
        'Have you had a severe allergic reaction (anaphylaxis) before?',
        'क्या पहले कभी गंभीर एलर्जी (एनाफ़िलैक्सिस) हुई है?',
      ),
    ],
    ['allergy', 'pitti', 'ellergy', 'एलर्जी', 'पित्ती'],
  ),

  // Bones and Joints
  symptom(
    'joint_pain',
    'bones_joints',
    'Joint pain',
    'जोड़ों का दर्द',
    'self_care',
    [
      yn('hot_swollen', 'Is one joint hot, red and swollen?', 'क्या कोई जोड़ गरम, लाल और सूजा हुआ है?'),
      yn('morning_stiffness', 'Stiff for more than 30 minutes in the morning?', 'क्या सुबह 30 मिनट से ज़्यादा जकड़न रहती है?'),
      many('joints', 'Which joints?', 'कौन से जोड़?', [
        ['knees', 'Knees', 'घुटने'],
        ['hands', 'Hands and wrists', 'हाथ और कलाई'],
        ['hips', 'Hips', 'कूल्हे'],
        ['shoulders', 'Shoulders', 'कंधे'],
        ['ankles_feet', 'Ankles and feet', 'टखने और पैर'],
      ]),
    ],
    ['jodon mein dard', 'ghutne mein dard', 'joint pain', 'जोड़ों'],
  ),
  symptom(
    'back_pain',
    'bones_joints',
    'Back pain',
    'कमर दर्द',
    'self_care',
    [
      yn(
        'bladder_bowel',
        'Trouble controlling urine or stool, or numbness between the legs?',
        'क्या पेशाब या मल पर नियंत्रण में दिक्कत, या जांघों के बीच सुन्नपन है?',
      ),
      yn('leg_weakness', 'Weakness in the legs?', 'क्या पैरों में कमज़ोरी है?'),
      yn('fever_weight_loss', 'Fever or weight loss with it?', 'क्या साथ में बुखार या वज़न घटना है?'),
      yn('after_fall', 'Did it start after a fall or accident?', 'क्या यह गिरने या दुर्घटना के बाद शुरू हुआ?'),
    ],
    ['kamar dard', 'peeth dard', 'कमर दर्द', 'पीठ दर्द'],
  ),
  symptom(
    'neck_pain',
    'bones_joints',
    'Neck pain',
    'गर्दन दर्द',
    'self_care',
    [
      yn('arm_weakness', 'Weakness or numbness in the arms?', 'क्या बाँहों में कमज़ोरी या सुन्नपन है?'),
      yn('fever_headache', 'Fever and headache with a stiff neck?', 'क्या अकड़ी गर्दन के साथ बुखार और सिरदर्द है?'),
      yn('after_injury', 'Did it start after an injury?', 'क्या यह चोट के बाद शुरू हुआ?'),
    ],
    ['gardan dard', 'गर्दन'],
  ),
  symptom(
    'injury',
    'bones_joints',
    'Injury or fall',
    'चोट या गिरना',
    'consultation_24h',
    [
      yn('head_hit', 'Did you hit your head?', 'क्या सिर पर चोट लगी?'),
      yn('unconscious', 'Were you knocked out, even briefly?', 'क्या आप थोड़ी देर के लिए भी बेहोश हुए?'),
      yn(
        'deformity',
        'Is a limb bent out of shape, or can you not put weight on it?',
        'क्या हाथ-पैर टेढ़ा दिख रहा है, या उस पर वज़न नहीं डाल पाते?',
      ),
      yn('blood_thinners', 'Do you take blood thinners?', 'क्या आप खून पतला करने की दवा लेते हैं?'),
    ],
    ['chot', 'gir gaya', 'gir gayi', 'चोट'],
  ),

  // Ear, Nose and Throat
  symptom(
    'sore_throat',
    'ent',
    'Sore throat',
    'गले में ख़राश',
    'self_care',
    [
      yn('drooling', 'Cannot swallow your own saliva, or drooling?', 'क्या अपना थूक भी नहीं निगल पाते, या लार टपकती है?'),
      yn('breathing_noise', 'Noisy breathing or difficulty breathing?', 'क्या साँस लेने में आवाज़ या कठिनाई है?'),
      yn('cannot_open_mouth', 'Cannot open your mouth fully?', 'क्या मुँह पूरा नहीं खुल रहा?'),
      yn('white_patches', 'White patches or pus on the tonsils?', 'क्या टॉन्सिल पर सफ़ेद धब्बे या मवाद है?'),
      yn('tender_nodes', 'Swollen, tender glands in the front of the neck?', 'क्या गर्दन के आगे की गाँठें सूजी और दर्द वाली हैं?'),
      yn('cough', 'Do you also have a cough?', 'क्या साथ में खाँसी भी है?'),
    ],
    ['gala kharab', 'gale mein dard', 'gale me kharash', 'गला', 'ख़राश'],
  ),
  symptom(
    'ear_pain',
    'ent',
    'Ear pain',
    'कान दर्द',
    'self_care',
    [
      yn('discharge', 'Discharge from the ear?', 'क्या कान से पानी या मवाद आ रहा है?'),
      yn('hearing_loss', 'Sudden loss of hearing?', 'क्या अचानक सुनाई देना कम हो गया?'),
      yn('swelling_behind', 'Swelling or redness behind the ear?', 'क्या कान के पीछे सूजन या लालिमा है?'),
    ],
    ['kaan dard', 'kaan mein dard', 'कान'],
  ),
  symptom(
    'runny_nose',
    'ent',
    'Cold and runny nose',
    'ज़ुकाम और नाक बहना',
    'self_care',
    [
      yn('facial_pain', 'Pain over the cheeks or forehead?', 'क्या गालों या माथे पर दर्द है?'),
      yn('eye_swelling', 'Swelling or redness around one eye?', 'क्या एक आँख के आसपास सूजन या लालिमा है?'),
    ],
    ['zukam', 'jukam', 'sardi', 'naak behna', 'ज़ुकाम', 'सर्दी'],
  ),
  symptom(
    'nosebleed',
    'ent',
    'Nosebleed',
    'नाक से खून',
    'self_care',
    [
      yn(
        'over_20_minutes',
        'Has it bled for more than 20 minutes despite pinching the nose?',
        'क्या नाक दबाने के बाद भी 20 मिनट से ज़्यादा खून बह रहा है?',
      ),
      yn('blood_thinners', 'Do you take blood thinners?', 'क्या आप खून पतला करने की दवा लेते हैं?'),
      yn('after_injury', 'After an injury to the head or face?', 'क्या सिर या चेहरे की चोट के बाद?'),
      yn('high_bp', 'Do you have high blood pressure?', 'क्या आपको उच्च रक्तचाप है?'),
    ],
    ['naak se khoon', 'nakseer', 'नकसीर'],
  ),

  symptom(
    'mouth_ulcers',
    'ent',
    'Mouth ulcers',
    'मुँह के छाले',
    'self_care',
    [
      yn('cannot_drink', 'Too painful to eat or drink?', 'क्या इतना दर्द है कि खा-पी नहीं पाते?'),
      yn('skin_eyes', 'Blisters on the skin, or sore red eyes, as well?', 'क्या साथ में त्वचा पर छाले, या लाल दर्द वाली आँखें हैं?'),
      yn('tobacco', 'Do you chew tobacco, gutka or paan, or smoke?', 'क्या आप तंबाकू, गुटखा या पान चबाते हैं, या धूम्रपान करते हैं?'),
      yn('lump_patch', 'A lump, or a white or red patch, that does not go away?', 'क्या कोई गाँठ, या सफ़ेद या लाल धब्बा है जो ठीक नहीं होता?'),
    ],
    ['munh ke chhale', 'chhale', 'मुँह के छाले', 'छाले'],
  ),

  // Eyes
  symptom(
    'eye_redness',
    'eyes',
    'Red or painful eye',
    'आँख लाल होना या दर्द',
    'self_care',
    [
      yn('vision_loss', 'Is your vision reduced?', 'क्या दिखाई देना कम हो गया है?'),
      yn('severe_pain', 'Severe pain, or pain with headache and vomiting?', 'क्या तेज़ दर्द है, या सिरदर्द और उल्टी के साथ दर्द है?'),
      yn('chemical_injury', 'Did a chemical, or something sharp, get into the eye?', 'क्या आँख में कोई रसायन या नुकीली चीज़ गई?'),
      yn('contact_lenses', 'Do you wear contact lenses?', 'क्या आप कॉन्टैक्ट लेंस पहनते हैं?'),
    ],
    ['aankh lal', 'aankh aana', 'आँख'],
  ),
  symptom(
    'blurred_vision',
    'eyes',
    'Blurred or lost vision',
    'धुंधला दिखना या दिखना बंद होना',
    'consultation',
    [
      yn('sudden', 'Did it come on suddenly (within hours)?', 'क्या यह अचानक (कुछ घंटों में) हुआ?'),
      yn(
        'curtain_flashes',
        'A curtain over part of your vision, or new flashes and floaters?',
        'क्या नज़र के एक हिस्से पर पर्दा सा, या नई चमक और तैरते धब्बे दिखते हैं?',
      ),
      yn('diabetes', 'Do you have diabetes?', 'क्या आपको मधुमेह है?'),
      yn('weakness_speech', 'Weakness, numbness or slurred speech with it?', 'क्या साथ में कमज़ोरी, सुन्नपन या लड़खड़ाती बोली है?'),
    ],
    ['dhundhla', 'kam dikhna', 'धुंधला'],
  ),

  // Urinary
  symptom(
    'painful_urination',
    'urinary',
    'Burning or pain when passing urine',
    'पेशाब में जलन या दर्द',
    'consultation',
    [
      yn('flank_pain', 'Pain in the side of the back, below the ribs?', 'क्या पीठ के बगल में, पसलियों के नीचे दर्द है?'),
      yn('blood', 'Blood in the urine?', 'क्या पेशाब में खून है?'),
      yn('cannot_pass', 'Unable to pass urine at all?', 'क्या पेशाब बिल्कुल नहीं हो रहा?'),
    ],
    ['peshab mein jalan', 'jalan', 'uti', 'पेशाब में जलन'],
  ),
  symptom(
    'frequent_urination',
    'urinary',
    'Passing urine often',
    'बार-बार पेशाब आना',
    'consultation',
    [
      yn('thirst_weight_loss', 'Very thirsty, or losing weight?', 'क्या बहुत प्यास लगती है, या वज़न घट रहा है?'),
      yn('weak_stream', 'Weak stream or difficulty starting?', 'क्या धार कमज़ोर है या शुरू करने में कठिनाई है?'),
      yn('night', 'Do you wake at night to pass urine more than twice?', 'क्या रात में दो बार से ज़्यादा पेशाब के लिए उठते हैं?'),
    ],
    ['baar baar peshab', 'बार-बार पेशाब'],
  ),
  symptom(
    'blood_in_urine',
    'urinary',
    'Blood in urine',
    'पेशाब में खून',
    'consultation_24h',
    [
      yn('clots', 'Clots, or unable to pass urine?', 'क्या थक्के हैं, या पेशाब नहीं हो पा रहा?'),
      yn('pain', 'Severe pain in the side or lower belly?', 'क्या बगल या पेट के निचले हिस्से में तेज़ दर्द है?'),
    ],
    ['peshab mein khoon', 'पेशाब में खून'],
  ),

  // Women's health
  symptom(
    'period_problems',
    'womens_health',
    'Period problems',
    'माहवारी की समस्या',
    'consultation',
    [
      choice('problem', 'What is the problem?', 'क्या समस्या है?', [
        ['heavy', 'Very heavy bleeding', 'बहुत ज़्यादा खून'],
        ['irregular', 'Irregular or missed periods', 'अनियमित या रुकी हुई माहवारी'],
        ['painful', 'Very painful periods', 'बहुत दर्द वाली माहवारी'],
        ['after_menopause', 'Bleeding after menopause', 'रजोनिवृत्ति के बाद खून'],
      ]),
      yn('soaking', 'Soaking a pad every hour, or feeling faint?', 'क्या हर घंटे पैड भीग जाता है, या बेहोशी जैसा लगता है?'),
    ],
    ['mahvari', 'periods', 'mc', 'माहवारी', 'पीरियड'],
  ),
  symptom(
    'pregnancy_concern',
    'womens_health',
    'Problem in pregnancy',
    'गर्भावस्था में समस्या',
    'consultation_24h',
    [
      num('weeks', 'How many weeks pregnant?', 'गर्भावस्था का कौन सा हफ़्ता है?', 1, 45, 'weeks'),
      yn('bleeding', 'Any bleeding from the vagina?', 'क्या योनि से खून आ रहा है?'),
      yn('severe_pain', 'Severe belly pain?', 'क्या पेट में तेज़ दर्द है?'),
      yn(
        'headache_vision',
        'Severe headache, blurred vision or swelling of face and hands?',
        'क्या तेज़ सिरदर्द, धुंधला दिखना या चेहरे और हाथों पर सूजन है?',
      ),
      yn('fewer_movements', 'Is the baby moving less than usual?', 'क्या बच्चे की हलचल सामान्य से कम है?', {
        show_if: when('weeks', 'gte', 24),
      }),
      yn('fluid_leak', 'Leaking fluid from the vagina?', 'क्या योनि से पानी रिस रहा है?'),
    ],
    ['pregnancy', 'garbh', 'pet se hoon', 'गर्भ', 'गर्भावस्था'],
  ),
  symptom(
    'vaginal_discharge',
    'womens_health',
    'Vaginal discharge',
    'योनि स्राव',
    'consultation',
    [
      yn('smell_colour', 'Bad smell, or green or grey colour?', 'क्या बदबू है, या रंग हरा या धूसर है?'),
      yn('lower_pain', 'Pain in the lower belly?', 'क्या पेट के निचले हिस्से में दर्द है?'),
    ],
    ['safed pani', 'white discharge', 'सफ़ेद पानी'],
  ),
  symptom(
    'breast_lump',
    'womens_health',
    'Breast lump or change',
    'स्तन में गाँठ या बदलाव',
    'consultation',
    [
      yn('skin_nipple', 'Skin dimpling, or nipple turned in or bleeding?', 'क्या त्वचा में गड्ढा, या निप्पल अंदर मुड़ा या उससे खून आ रहा है?'),
      yn('armpit_lump', 'A lump in the armpit?', 'क्या बगल में गाँठ है?'),
      yn(
        'breastfeeding_fever',
        'Breastfeeding, with a red painful area and fever?',
        'क्या स्तनपान करा रही हैं, और लाल दर्द वाली जगह के साथ बुखार है?',
      ),
    ],
    ['gaanth', 'स्तन', 'गाँठ'],
  ),

  // Mental health
  symptom(
    'low_mood',
    'mental_health',
    'Low mood or sadness',
    'उदासी या मन उदास रहना',
    'consultation',
    [
      yn(
        'self_harm',
        'Have you had thoughts of harming yourself or ending your life?',
        'क्या आपके मन में ख़ुद को नुक़सान पहुँचाने या जीवन ख़त्म करने के विचार आए हैं?',
      ),
      yn('plan', 'Do you have a plan, or the means, to do it?', 'क्या आपने इसकी कोई योजना बनाई है, या साधन है?', {
        show_if: isYes('self_harm'),
      }),
      yn('most_days', 'Have you felt this way most days for two weeks or more?', 'क्या दो हफ़्ते या ज़्यादा समय से ज़्यादातर दिन ऐसा महसूस होता है?'),
      yn('no_interest', 'Lost interest in things you used to enjoy?', 'क्या उन चीज़ों में रुचि ख़त्म हो गई जो पहले अच्छी लगती थीं?'),
      text('support', 'Is there someone you can talk to? (optional)', 'क्या कोई है जिससे आप बात कर सकें? (वैकल्पिक)'),
    ],
    ['udaas', 'depression', 'man nahi lagta', 'उदास', 'डिप्रेशन'],
  ),
  symptom(
    'anxiety',
    'mental_health',
    'Anxiety or panic',
    'घबराहट या बेचैनी',
    'consultation',
    [
      yn('panic_attacks', 'Sudden attacks of intense fear with a racing heart?', 'क्या अचानक तेज़ डर के दौरे आते हैं, साथ में तेज़ धड़कन?'),
      yn('chest_pain', 'Chest pain with it?', 'क्या साथ में सीने में दर्द है?'),
      yn('self_harm', 'Thoughts of harming yourself?', 'क्या ख़ुद को नुक़सान पहुँचाने के विचार आते हैं?'),
      yn('daily_life', 'Is it stopping you from work, study or going out?', 'क्या यह आपको काम, पढ़ाई या बाहर जाने से रोक रहा है?'),
    ],
    ['ghabrahat', 'bechaini', 'tension', 'घबराहट', 'बेचैनी'],
  ),
  symptom(
    'sleep_problems',
    'mental_health',
    'Sleep problems',
    'नींद की समस्या',
    'self_care',
    [
      choice('kind', 'What happens?', 'क्या होता है?', [
        ['falling_asleep', 'Cannot fall asleep', 'नींद नहीं आती'],
        ['waking', 'Waking in the night or too early', 'रात में या बहुत जल्दी नींद खुल जाती है'],
        ['snoring', 'Loud snoring, choking or stopping breathing in sleep', 'तेज़ खर्राटे, नींद में दम घुटना या साँस रुकना'],
        ['too_much', 'Sleeping too much', 'बहुत ज़्यादा सोना'],
      ]),
      yn('daytime_sleepy', 'Falling asleep during the day, even while driving?', 'क्या दिन में, गाड़ी चलाते समय भी, नींद आ जाती है?'),
      yn('low_mood', 'Feeling low or anxious as well?', 'क्या साथ में उदासी या घबराहट भी है?'),
    ],
    ['neend nahi aati', 'anidra', 'नींद'],
  ),
]

// A red-flag rule: its level, why (en, hi), and the findings that must all be present.
const rule = (id, level, en, hi, ...conditions) => ({ id, level, en, hi, conditions })
const yes = (question) => ({ q: question, op: 'eq', value: true })
const is = (question, value) => ({ q: question, op: 'eq', value })
const has = (code) => ({ symptom: code })

const AMBULANCE = 'emergency_ambulance'
const EMERGENCY = 'emergency'
const DAY = 'consultation_24h'
const SOON = 'consultation'

const complaintRules = [
  // Fever
  rule('fever.three_days', DAY, 'Fever for three days or more', 'तीन दिन या ज़्यादा से बुखार', {
    q: 'fever.duration',
    op: 'gte_days',
    value: 3,
  }),
  rule('fever.chills', DAY, 'Fever with shaking chills (test for malaria)', 'कँपकँपी के साथ बुखार (मलेरिया की जाँच कराएँ)', yes('fever.chills')),
  // General
  rule(
    'fatigue.thirst',
    SOON,
    'Thirst and frequent urination (check blood sugar)',
    'प्यास और बार-बार पेशाब (ब्लड शुगर जाँचें)',
    yes('fatigue.thirst_urination'),
  ),
  rule(
    'weight_loss.tb_signs',
    DAY,
    'Weight loss with a long cough or night sweats (test for TB)',
    'लंबी खाँसी या रात के पसीने के साथ वज़न घटना (टीबी की जाँच कराएँ)',
    yes('weight_loss.cough_3_weeks'),
  ),
  rule('weight_loss.night_sweats', DAY, 'Weight loss with night sweats', 'रात के पसीने के साथ वज़न घटना', yes('weight_loss.night_sweats')),
  rule(
    'night_sweats.cough',
    DAY,
    'Night sweats with a cough (test for TB)',
    'खाँसी के साथ रात में पसीना (टीबी की जाँच कराएँ)',
    yes('night_sweats.cough'),
  ),
  rule(
    'body_ache.dark_urine',
    EMERGENCY,
    'Muscle pain with dark or scanty urine',
    'गहरे या कम पेशाब के साथ मांसपेशियों में दर्द',
    yes('body_ache.dark_urine'),
  ),
  // Head and nervous
  rule(
    'headache.thunderclap',
    AMBULANCE,
    'Sudden, worst-ever headache (possible bleeding in the brain)',
    'अचानक, अब तक का सबसे तेज़ सिरदर्द (दिमाग़ में रक्तस्राव की आशंका)',
    yes('headache.sudden_onset'),
  ),
  rule('headache.worst_ever', EMERGENCY, 'The worst headache of your life', 'ज़िंदगी का सबसे तेज़ सिरदर्द', yes('headache.worst_ever')),
  rule(
    'headache.weakness',
    AMBULANCE,
    'Headache with weakness, numbness or slurred speech (possible stroke)',
    'कमज़ोरी, सुन्नपन या लड़खड़ाती बोली के साथ सिरदर्द (स्ट्रोक की आशंका)',
    yes('headache.weakness'),
  ),
  rule(
    'headache.fever_stiff_neck',
    EMERGENCY,
    'Headache with fever and a stiff neck',
    'बुखार और गर्दन की अकड़न के साथ सिरदर्द',
    yes('headache.fever_stiff_neck'),
  ),
  rule('headache.injury', EMERGENCY, 'Headache after a head injury', 'सिर की चोट के बाद सिरदर्द', yes('headache.head_injury')),
  rule('headache.vision', DAY, 'Headache with changes in vision', 'नज़र में बदलाव के साथ सिरदर्द', yes('headache.vision')),
  rule('headache.new_pattern', SOON, 'A new kind of headache', 'नए तरह का सिरदर्द', is('headache.pattern', 'never')),
  rule(
    'dizziness.neuro',
    AMBULANCE,
    'Dizziness with weakness, slurred speech or double vision (possible stroke)',
    'कमज़ोरी, लड़खड़ाती बोली या दोहरे दिखने के साथ चक्कर (स्ट्रोक की आशंका)',
    yes('dizziness.weakness_speech'),
  ),
  rule(
    'dizziness.heart',
    EMERGENCY,
    'Dizziness with chest pain or a racing heart',
    'सीने में दर्द या तेज़ धड़कन के साथ चक्कर',
    yes('dizziness.chest_pain'),
  ),
  rule('fainting.exertion', EMERGENCY, 'Fainting during exertion', 'मेहनत करते समय बेहोशी', yes('fainting.during_exertion')),
  rule(
    'fainting.heart',
    AMBULANCE,
    'Fainting with chest pain or palpitations',
    'सीने में दर्द या धड़कन के साथ बेहोशी',
    yes('fainting.chest_pain_palpitations'),
  ),
  rule(
    'fainting.pregnant',
    EMERGENCY,
    'Fainting in possible pregnancy',
    'संभावित गर्भावस्था में बेहोशी',
    has('fainting'),
    yes('screen.pregnant'),
  ),
  rule(
    'numbness.stroke',
    AMBULANCE,
    'Drooping face or difficulty speaking (possible stroke: every minute counts)',
    'चेहरे का टेढ़ापन या बोलने में कठिनाई (स्ट्रोक की आशंका: हर मिनट क़ीमती है)',
    yes('numbness_weakness.face_speech'),
  ),
  rule(
    'numbness.one_side_recent',
    AMBULANCE,
    'Weakness on one side that began in the last hours',
    'पिछले कुछ घंटों में शुरू हुई एक तरफ़ की कमज़ोरी',
    yes('numbness_weakness.one_side'),
    is('numbness_weakness.started', 'within_hours'),
  ),
  rule(
    'numbness.one_side',
    EMERGENCY,
    'Weakness or numbness on one side of the body',
    'शरीर की एक तरफ़ कमज़ोरी या सुन्नपन',
    yes('numbness_weakness.one_side'),
  ),
  rule(
    'seizure.long',
    AMBULANCE,
    'A seizure longer than 5 minutes, or repeated without waking',
    '5 मिनट से लंबा दौरा, या बिना होश आए बार-बार',
    yes('seizure.over_5_minutes'),
  ),
  rule('seizure.not_awake', AMBULANCE, 'Not fully awake after a seizure', 'दौरे के बाद पूरी तरह होश नहीं आया', yes('seizure.not_awake')),
  rule(
    'seizure.pregnant',
    AMBULANCE,
    'A seizure in pregnancy (possible eclampsia)',
    'गर्भावस्था में दौरा (एक्लेम्पसिया की आशंका)',
    has('seizure'),
    yes('screen.pregnant'),
  ),
  rule('seizure.first', EMERGENCY, 'A first-ever seizure', 'पहली बार दौरा', yes('seizure.first_ever')),
  // Chest and breathing
  rule(
    'cough.breathless_at_rest',
    AMBULANCE,
    'Breathing difficulty at rest',
    'आराम करते हुए भी साँस लेने में तकलीफ़',
    is('cough.breathing_difficulty', 'at_rest'),
  ),
  rule('cough.blood', DAY, 'Coughing up blood', 'खाँसी में खून', yes('cough.blood')),
  rule(
    'cough.blood_breathless',
    EMERGENCY,
    'Coughing up blood with breathing difficulty',
    'साँस की तकलीफ़ के साथ खाँसी में खून',
    yes('cough.blood'),
    is('cough.breathing_difficulty', 'on_effort'),
  ),
  rule(
    'cough.breathless_chest_pain',
    AMBULANCE,
    'Breathing difficulty with chest pain',
    'सीने में दर्द के साथ साँस लेने में तकलीफ़',
    is('cough.breathing_difficulty', 'on_effort'),
    yes('cough.chest_pain'),
  ),
  rule('cough.pink_frothy', EMERGENCY, 'Pink, frothy phlegm', 'गुलाबी, झागदार बलगम', is('cough.phlegm_colour', 'rusty')),
  rule('cough.tb', SOON, 'Cough for two weeks or more (get tested for TB)', 'दो हफ़्ते या ज़्यादा से खाँसी (टीबी की जाँच कराएँ)', {
    q: 'cough.duration',
    op: 'gte_days',
    value: 14,
  }),
  rule(
    'cough.tb_weight_loss',
    DAY,
    'Cough with weight loss (get tested for TB)',
    'वज़न घटने के साथ खाँसी (टीबी की जाँच कराएँ)',
    yes('cough.weight_loss'),
  ),
  rule(
    'cough.tb_night_sweats',
    DAY,
    'Cough with night sweats (get tested for TB)',
    'रात के पसीने के साथ खाँसी (टीबी की जाँच कराएँ)',
    yes('cough.night_sweats'),
  ),
  rule(
    'cough.tb_contact',
    SOON,
    'Cough in someone living with a TB patient (get tested for TB)',
    'टीबी मरीज़ के साथ रहने वाले को खाँसी (टीबी की जाँच कराएँ)',
    yes('cough.tb_contact'),
  ),
  rule(
    'cough.fever_phlegm',
    DAY,
    'Fever with coloured phlegm (possible pneumonia)',
    'रंगीन बलगम के साथ बुखार (निमोनिया की आशंका)',
    yes('screen.fever'),
    is('cough.phlegm_colour', 'yellow_green'),
  ),
  rule('breathless.at_rest', AMBULANCE, 'Short of breath at rest', 'आराम में भी साँस फूलना', is('breathlessness.when', 'at_rest')),
  rule(
    'breathless.chest_pain',
    AMBULANCE,
    'Shortness of breath with chest pain',
    'सीने में दर्द के साथ साँस फूलना',
    yes('breathlessness.chest_pain'),
  ),
  rule('breathless.low_spo2', AMBULANCE, 'Oxygen level below 92 %', 'ऑक्सीजन स्तर 92 % से कम', {
    q: 'breathlessness.spo2',
    op: 'lte',
    value: 91,
  }),
  rule(
    'breathless.lying_flat',
    EMERGENCY,
    'Breathless lying flat or waking breathless (possible heart failure)',
    'लेटने पर साँस फूलना या रात में साँस फूलकर नींद खुलना (हृदय की कमज़ोरी की आशंका)',
    is('breathlessness.when', 'lying_flat'),
  ),
  rule(
    'pair.chest_pain_breathless',
    AMBULANCE,
    'Chest pain together with shortness of breath',
    'सीने में दर्द के साथ साँस फूलना',
    has('chest_pain'),
    has('breathlessness'),
  ),
  rule(
    'chest_pain.spreading',
    AMBULANCE,
    'Chest pain spreading to the arm, jaw, neck or back (possible heart attack)',
    'बाँह, जबड़े, गर्दन या पीठ तक जाता सीने का दर्द (दिल के दौरे की आशंका)',
    yes('chest_pain.spreading'),
  ),
  rule(
    'chest_pain.sweating',
    AMBULANCE,
    'Chest pain with sweating, nausea or faintness',
    'पसीने, जी मिचलाने या बेहोशी के साथ सीने में दर्द',
    yes('chest_pain.sweating'),
  ),
  rule(
    'chest_pain.pressure_rest',
    AMBULANCE,
    'Pressing chest pain at rest or longer than 15 minutes',
    'आराम में या 15 मिनट से ज़्यादा रहने वाला दबाव जैसा सीने का दर्द',
    is('chest_pain.character', 'pressure'),
    yes('chest_pain.at_rest'),
  ),
  rule(
    'chest_pain.pressure',
    EMERGENCY,
    'Pressing or squeezing chest pain',
    'दबाव या जकड़न जैसा सीने का दर्द',
    is('chest_pain.character', 'pressure'),
  ),
  rule(
    'chest_pain.risk',
    EMERGENCY,
    'Chest pain with heart disease, diabetes or high blood pressure',
    'हृदय रोग, मधुमेह या उच्च रक्तचाप के साथ सीने में दर्द',
    yes('chest_pain.heart_history'),
  ),
  rule('palpitations.fainting', AMBULANCE, 'Racing heart with fainting', 'बेहोशी के साथ तेज़ धड़कन', yes('palpitations.fainting')),
  rule(
    'palpitations.chest_pain',
    EMERGENCY,
    'Racing heart with chest pain or breathlessness',
    'सीने में दर्द या साँस फूलने के साथ तेज़ धड़कन',
    yes('palpitations.chest_pain_breathless'),
  ),
  rule(
    'palpitations.ongoing',
    EMERGENCY,
    'A racing heart for more than 20 minutes now',
    '20 मिनट से ज़्यादा से तेज़ धड़कन',
    yes('palpitations.ongoing'),
  ),
  rule('palpitations.irregular', DAY, 'An irregular heartbeat', 'अनियमित धड़कन', yes('palpitations.irregular')),
  rule(
    'wheezing.inhaler',
    EMERGENCY,
    'Wheezing not relieved by your inhaler',
    'इनहेलर से भी न रुकने वाली साँस की सीटी',
    yes('wheezing.inhaler_not_helping'),
  ),
  // Stomach
  rule(
    'abdomen.rigid',
    EMERGENCY,
    'A hard belly, or pain much worse on moving',
    'सख़्त पेट, या हिलने पर बहुत बढ़ता दर्द',
    yes('abdominal_pain.rigid'),
  ),
  rule(
    'abdomen.bleeding',
    EMERGENCY,
    'Stomach pain with vomiting blood or black stools',
    'खून की उल्टी या काले मल के साथ पेट दर्द',
    yes('abdominal_pain.vomiting_blood'),
  ),
  rule(
    'abdomen.pregnant',
    EMERGENCY,
    'Stomach pain in possible pregnancy (rule out ectopic pregnancy)',
    'संभावित गर्भावस्था में पेट दर्द (अस्थानिक गर्भ की जाँच)',
    has('abdominal_pain'),
    yes('screen.pregnant'),
  ),
  rule(
    'abdomen.obstruction',
    EMERGENCY,
    'No stool or gas with a swollen belly',
    'पेट फूलने के साथ मल या गैस न निकलना',
    yes('abdominal_pain.no_stool_gas'),
  ),
  rule(
    'abdomen.appendix',
    DAY,
    'Pain low on the right with fever (possible appendicitis)',
    'बुखार के साथ नीचे दाईं ओर दर्द (अपेंडिसाइटिस की आशंका)',
    is('abdominal_pain.location', 'lower_right'),
    yes('screen.fever'),
  ),
  rule('vomiting.blood', EMERGENCY, 'Vomiting blood', 'खून की उल्टी', yes('vomiting.blood')),
  rule('vomiting.dehydration', DAY, 'Some signs of dehydration', 'पानी की कमी के कुछ लक्षण', yes('vomiting.dry_dizzy')),
  rule('vomiting.no_fluids', DAY, 'Cannot keep fluids down', 'पानी भी पेट में न टिकना', yes('vomiting.no_fluids')),
  rule('vomiting.head_injury', EMERGENCY, 'Vomiting after a head injury', 'सिर की चोट के बाद उल्टी', yes('vomiting.head_injury')),
  rule('diarrhoea.dehydration', DAY, 'Some signs of dehydration', 'पानी की कमी के कुछ लक्षण', yes('diarrhoea.dry_dizzy')),
  rule(
    'diarrhoea.rice_water',
    EMERGENCY,
    'Rice-water stools (possible cholera)',
    'चावल के पानी जैसे दस्त (हैज़े की आशंका)',
    yes('diarrhoea.rice_water'),
  ),
  rule('diarrhoea.blood', DAY, 'Blood or mucus in loose stools', 'दस्त में खून या आँव', yes('diarrhoea.blood')),
  rule('diarrhoea.many', DAY, 'Ten or more loose stools in a day', 'एक दिन में दस या ज़्यादा दस्त', {
    q: 'diarrhoea.times_today',
    op: 'gte',
    value: 10,
  }),
  rule(
    'constipation.obstruction',
    EMERGENCY,
    'No gas passed, with vomiting or a swollen belly',
    'उल्टी या पेट फूलने के साथ गैस न निकलना',
    yes('constipation.no_gas'),
  ),
  rule(
    'constipation.red_flags',
    SOON,
    'Blood, weight loss or a change in bowel habit',
    'खून, वज़न घटना या मल की आदत में बदलाव',
    yes('constipation.weight_loss'),
  ),
  rule('heartburn.black_stool', EMERGENCY, 'Black stools or vomiting blood', 'काला मल या खून की उल्टी', yes('heartburn.black_stool')),
  rule(
    'heartburn.exertion',
    EMERGENCY,
    '"Acidity" that comes on with exertion may be the heart',
    'मेहनत करने पर होने वाली "एसिडिटी" दिल की समस्या हो सकती है',
    yes('heartburn.exertion'),
  ),
  rule('heartburn.swallowing', SOON, 'Difficulty swallowing', 'निगलने में कठिनाई', yes('heartburn.swallowing')),
  rule(
    'stool_blood.black',
    EMERGENCY,
    'Black, tarry stools (bleeding in the gut)',
    'तारकोल जैसा काला मल (आँतों में रक्तस्राव)',
    is('blood_in_stool.appearance', 'black_tarry'),
  ),
  rule('stool_blood.faint', AMBULANCE, 'Blood in stool with faintness', 'बेहोशी के साथ मल में खून', yes('blood_in_stool.faint')),
  rule('stool_blood.large', EMERGENCY, 'A large amount of blood in the stool', 'मल में बहुत ज़्यादा खून', yes('blood_in_stool.large_amount')),
  // Skin
  rule(
    'rash.fever_not_fading',
    EMERGENCY,
    'Fever with a rash that does not fade under pressure',
    'बुखार के साथ दाने जो दबाने पर नहीं मिटते',
    yes('screen.fever'),
    yes('rash.not_fading'),
  ),
  rule(
    'rash.sjs',
    EMERGENCY,
    'Blisters with sores in the mouth, eyes or genitals (possible Stevens–Johnson syndrome)',
    'मुँह, आँखों या जननांगों के घावों के साथ छाले (स्टीवंस–जॉनसन सिंड्रोम की आशंका)',
    yes('rash.blisters'),
    yes('rash.mucosal_sores'),
  ),
  rule(
    'rash.mucosal_medicine',
    EMERGENCY,
    'Sores in the mouth, eyes or genitals after a new medicine',
    'नई दवा के बाद मुँह, आँखों या जननांगों में घाव',
    yes('rash.mucosal_sores'),
    yes('rash.new_medicine'),
  ),
  rule(
    'rash.mucosal',
    DAY,
    'A rash with sores in the mouth, eyes or genitals',
    'मुँह, आँखों या जननांगों के घावों के साथ दाने',
    yes('rash.mucosal_sores'),
  ),
  rule('rash.new_medicine', DAY, 'A rash after a new medicine', 'नई दवा के बाद दाने', yes('rash.new_medicine')),
  rule('rash.fever', DAY, 'Rash with fever', 'बुखार के साथ दाने', has('rash'), yes('screen.fever')),
  rule('itching.jaundice', DAY, 'Itching with yellow eyes or dark urine', 'पीली आँखों या गहरे पेशाब के साथ खुजली', yes('itching.yellow_eyes')),
  rule('skin.spreading', DAY, 'Redness spreading quickly', 'तेज़ी से फैलती लालिमा', yes('skin_infection.spreading_red')),
  rule(
    'skin.spreading_fever',
    EMERGENCY,
    'Spreading redness with fever',
    'बुखार के साथ फैलती लालिमा',
    yes('skin_infection.spreading_red'),
    yes('screen.fever'),
  ),
  rule('skin.diabetes', DAY, 'A skin infection with diabetes', 'मधुमेह के साथ त्वचा संक्रमण', yes('skin_infection.diabetes')),
  rule(
    'skin.animal_bite',
    DAY,
    'An animal bite: wash it for 15 minutes and get rabies vaccine today',
    'जानवर का काटना: 15 मिनट धोएँ और आज ही रेबीज़ का टीका लगवाएँ',
    yes('skin_infection.animal_bite'),
  ),
  rule(
    'jaundice.confusion',
    EMERGENCY,
    'Jaundice with confusion or drowsiness',
    'भ्रम या सुस्ती के साथ पीलिया',
    yes('yellow_skin_eyes.confusion'),
  ),
  rule('jaundice.bleeding', EMERGENCY, 'Jaundice with bleeding', 'ख़ून बहने के साथ पीलिया', yes('yellow_skin_eyes.bleeding')),
  rule('jaundice.pregnant', EMERGENCY, 'Jaundice in pregnancy', 'गर्भावस्था में पीलिया', has('yellow_skin_eyes'), yes('screen.pregnant')),
  // Bones and joints
  rule(
    'joint.septic',
    EMERGENCY,
    'A hot, swollen joint with fever (possible joint infection)',
    'बुखार के साथ गरम, सूजा जोड़ (जोड़ में संक्रमण की आशंका)',
    yes('joint_pain.hot_swollen'),
    yes('screen.fever'),
  ),
  rule('joint.hot', DAY, 'A hot, red, swollen joint', 'गरम, लाल, सूजा हुआ जोड़', yes('joint_pain.hot_swollen')),
  rule(
    'back.cauda_equina',
    EMERGENCY,
    'Back pain with loss of bladder or bowel control or numbness between the legs',
    'पेशाब/मल पर नियंत्रण खोने या जांघों के बीच सुन्नपन के साथ कमर दर्द',
    yes('back_pain.bladder_bowel'),
  ),
  rule('back.leg_weakness', EMERGENCY, 'Back pain with weakness in the legs', 'पैरों की कमज़ोरी के साथ कमर दर्द', yes('back_pain.leg_weakness')),
  rule(
    'back.fever_weight',
    DAY,
    'Back pain with fever or weight loss',
    'बुखार या वज़न घटने के साथ कमर दर्द',
    yes('back_pain.fever_weight_loss'),
  ),
  rule('back.fall', DAY, 'Back pain after a fall or accident', 'गिरने या दुर्घटना के बाद कमर दर्द', yes('back_pain.after_fall')),
  rule(
    'neck.meningitis',
    EMERGENCY,
    'Stiff neck with fever and headache',
    'बुखार और सिरदर्द के साथ अकड़ी गर्दन',
    yes('neck_pain.fever_headache'),
  ),
  rule(
    'neck.arm_weakness',
    DAY,
    'Neck pain with weakness or numbness in the arms',
    'बाँहों में कमज़ोरी या सुन्नपन के साथ गर्दन दर्द',
    yes('neck_pain.arm_weakness'),
  ),
  rule(
    'neck.injury',
    EMERGENCY,
    'Neck pain after an injury: keep the neck still',
    'चोट के बाद गर्दन दर्द: गर्दन को हिलाएँ नहीं',
    yes('neck_pain.after_injury'),
  ),
  rule('injury.unconscious', AMBULANCE, 'Knocked out after an injury', 'चोट के बाद बेहोशी', yes('injury.unconscious')),
  rule(
    'injury.deformity',
    EMERGENCY,
    'A deformed limb or unable to bear weight (possible fracture)',
    'टेढ़ा अंग या वज़न न डाल पाना (हड्डी टूटने की आशंका)',
    yes('injury.deformity'),
  ),
  rule(
    'injury.head_thinners',
    EMERGENCY,
    'A head injury while on blood thinners',
    'खून पतला करने की दवा लेते हुए सिर की चोट',
    yes('injury.head_hit'),
    yes('injury.blood_thinners'),
  ),
  // ENT and eyes
  rule(
    'throat.airway',
    AMBULANCE,
    'Noisy or difficult breathing with a sore throat',
    'गले की ख़राश के साथ साँस लेने में आवाज़ या कठिनाई',
    yes('sore_throat.breathing_noise'),
  ),
  rule('throat.drooling', EMERGENCY, 'Cannot swallow saliva', 'थूक भी न निगल पाना', yes('sore_throat.drooling')),
  rule('throat.trismus', DAY, 'Cannot open the mouth (possible abscess)', 'मुँह न खुलना (फोड़े की आशंका)', yes('sore_throat.cannot_open_mouth')),
  rule('ear.mastoid', EMERGENCY, 'Swelling behind the ear', 'कान के पीछे सूजन', yes('ear_pain.swelling_behind')),
  rule(
    'ear.sudden_deafness',
    DAY,
    'Sudden loss of hearing (treat within days)',
    'अचानक सुनाई कम होना (कुछ दिनों में इलाज ज़रूरी)',
    yes('ear_pain.hearing_loss'),
  ),
  rule('nose.orbital', EMERGENCY, 'Swelling around an eye with a cold', 'ज़ुकाम के साथ आँख के आसपास सूजन', yes('runny_nose.eye_swelling')),
  rule('nosebleed.long', EMERGENCY, 'A nosebleed longer than 20 minutes', '20 मिनट से लंबा नाक से खून', yes('nosebleed.over_20_minutes')),
  rule('nosebleed.thinners', DAY, 'A nosebleed on blood thinners', 'खून पतला करने की दवा के साथ नाक से खून', yes('nosebleed.blood_thinners')),
  rule('eye.vision_loss', EMERGENCY, 'A red eye with reduced vision', 'कम दिखने के साथ लाल आँख', yes('eye_redness.vision_loss')),
  rule(
    'eye.glaucoma',
    EMERGENCY,
    'Severe eye pain with headache or vomiting (possible glaucoma)',
    'सिरदर्द या उल्टी के साथ आँख में तेज़ दर्द (ग्लूकोमा की आशंका)',
    yes('eye_redness.severe_pain'),
  ),
  rule(
    'eye.chemical',
    EMERGENCY,
    'A chemical or sharp injury to the eye: rinse with clean water now',
    'आँख में रसायन या नुकीली चोट: अभी साफ़ पानी से धोएँ',
    yes('eye_redness.chemical_injury'),
  ),
  rule('eye.lenses', DAY, 'A red eye with contact lenses', 'कॉन्टैक्ट लेंस के साथ लाल आँख', yes('eye_redness.contact_lenses')),
  rule('vision.sudden', EMERGENCY, 'Sudden loss of vision', 'अचानक दिखना कम होना', yes('blurred_vision.sudden')),
  rule(
    'vision.detachment',
    EMERGENCY,
    'A curtain, flashes or floaters (possible retinal detachment)',
    'पर्दा, चमक या तैरते धब्बे (रेटिना खिसकने की आशंका)',
    yes('blurred_vision.curtain_flashes'),
  ),
  rule(
    'vision.stroke',
    AMBULANCE,
    'Vision loss with weakness or slurred speech (possible stroke)',
    'कमज़ोरी या लड़खड़ाती बोली के साथ दिखना कम होना (स्ट्रोक की आशंका)',
    yes('blurred_vision.weakness_speech'),
  ),
  // Urinary
  rule(
    'urine.kidney',
    DAY,
    'A urine infection with fever and pain in the side (possible kidney infection)',
    'बुखार और बगल में दर्द के साथ पेशाब का संक्रमण (गुर्दे के संक्रमण की आशंका)',
    yes('painful_urination.flank_pain'),
    yes('screen.fever'),
  ),
  rule(
    'urine.pregnant',
    DAY,
    'A urine infection in pregnancy',
    'गर्भावस्था में पेशाब का संक्रमण',
    has('painful_urination'),
    yes('screen.pregnant'),
  ),
  rule('urine.retention', EMERGENCY, 'Unable to pass urine', 'पेशाब बिल्कुल न होना', yes('painful_urination.cannot_pass')),
  rule('urine.clots', EMERGENCY, 'Clots in urine or unable to pass it', 'पेशाब में थक्के या पेशाब न होना', yes('blood_in_urine.clots')),
  rule('urine.blood_pain', DAY, 'Blood in urine with severe pain', 'तेज़ दर्द के साथ पेशाब में खून', yes('blood_in_urine.pain')),
  rule(
    'urine.diabetes_signs',
    SOON,
    'Thirst and weight loss (check blood sugar)',
    'प्यास और वज़न घटना (ब्लड शुगर जाँचें)',
    yes('frequent_urination.thirst_weight_loss'),
  ),
  // Women's health
  rule('period.heavy', EMERGENCY, 'Very heavy bleeding or faintness', 'बहुत ज़्यादा खून या बेहोशी जैसा लगना', yes('period_problems.soaking')),
  rule('period.postmenopausal', SOON, 'Bleeding after menopause', 'रजोनिवृत्ति के बाद खून', is('period_problems.problem', 'after_menopause')),
  rule(
    'period.pregnancy',
    DAY,
    'Bleeding or pain in possible pregnancy',
    'संभावित गर्भावस्था में खून या दर्द',
    has('period_problems'),
    yes('screen.pregnant'),
  ),
  rule('pregnancy.bleeding', AMBULANCE, 'Bleeding in pregnancy', 'गर्भावस्था में खून आना', yes('pregnancy_concern.bleeding')),
  rule('pregnancy.pain', EMERGENCY, 'Severe belly pain in pregnancy', 'गर्भावस्था में पेट में तेज़ दर्द', yes('pregnancy_concern.severe_pain')),
  rule(
    'pregnancy.preeclampsia',
    EMERGENCY,
    'Severe headache, blurred vision or swelling in pregnancy (possible pre-eclampsia)',
    'गर्भावस्था में तेज़ सिरदर्द, धुंधला दिखना या सूजन (प्री-एक्लेम्पसिया की आशंका)',
    yes('pregnancy_concern.headache_vision'),
  ),
  rule(
    'pregnancy.movements',
    EMERGENCY,
    'The baby is moving less than usual',
    'बच्चे की हलचल सामान्य से कम',
    yes('pregnancy_concern.fewer_movements'),
  ),
  rule('pregnancy.fluid', EMERGENCY, 'Leaking fluid in pregnancy', 'गर्भावस्था में पानी रिसना', yes('pregnancy_concern.fluid_leak')),
  rule(
    'discharge.pid',
    DAY,
    'Discharge with lower belly pain and fever (possible pelvic infection)',
    'पेट के निचले दर्द और बुखार के साथ स्राव (श्रोणि संक्रमण की आशंका)',
    yes('vaginal_discharge.lower_pain'),
    yes('screen.fever'),
  ),
  rule(
    'breast.mastitis',
    DAY,
    'A red, painful breast with fever while breastfeeding',
    'स्तनपान के दौरान बुखार के साथ लाल, दर्द वाला स्तन',
    yes('breast_lump.breastfeeding_fever'),
  ),
  rule(
    'breast.signs',
    SOON,
    'Skin or nipple changes with a breast lump',
    'स्तन की गाँठ के साथ त्वचा या निप्पल में बदलाव',
    yes('breast_lump.skin_nipple'),
  ),
  // Mental health
  rule(
    'mood.self_harm_plan',
    AMBULANCE,
    'Thoughts of ending your life with a plan: you deserve help right now',
    'योजना के साथ जीवन ख़त्म करने के विचार: आपको अभी मदद का हक़ है',
    yes('low_mood.self_harm'),
    yes('low_mood.plan'),
  ),
  rule(
    'mood.self_harm',
    EMERGENCY,
    'Thoughts of harming yourself: please talk to someone now (Tele-MANAS 14416)',
    'ख़ुद को नुक़सान पहुँचाने के विचार: कृपया अभी किसी से बात करें (टेली-मानस 14416)',
    yes('low_mood.self_harm'),
  ),
  rule(
    'anxiety.self_harm',
    EMERGENCY,
    'Thoughts of harming yourself: please talk to someone now (Tele-MANAS 14416)',
    'ख़ुद को नुक़सान पहुँचाने के विचार: कृपया अभी किसी से बात करें (टेली-मानस 14416)',
    yes('anxiety.self_harm'),
  ),
  rule(
    'anxiety.chest_pain',
    EMERGENCY,
    'Chest pain should be checked even when it feels like panic',
    'घबराहट जैसा लगे तब भी सीने के दर्द की जाँच ज़रूरी है',
    yes('anxiety.chest_pain'),
  ),
  rule(
    'mood.two_weeks',
    SOON,
    'Low mood most days for two weeks or more',
    'दो हफ़्ते या ज़्यादा से ज़्यादातर दिन उदासी',
    yes('low_mood.most_days'),
  ),
  rule(
    'sleep.apnoea',
    SOON,
    'Snoring with pauses in breathing (possible sleep apnoea)',
    'साँस रुकने के साथ खर्राटे (स्लीप एप्निया की आशंका)',
    is('sleep_problems.kind', 'snoring'),
  ),
  rule(
    'sleep.driving',
    DAY,
    'Falling asleep while driving: do not drive until checked',
    'गाड़ी चलाते समय नींद आना: जाँच तक गाड़ी न चलाएँ',
    yes('sleep_problems.daytime_sleepy'),
  ),
  // Pairs across complaints
  rule(
    'pair.fever_headache_neck',
    EMERGENCY,
    'Fever with headache and a stiff neck',
    'बुखार के साथ सिरदर्द और अकड़ी गर्दन',
    yes('screen.fever'),
    yes('neck_pain.fever_headache'),
  ),
  rule('pair.fever_jaundice', EMERGENCY, 'Fever together with jaundice', 'बुखार के साथ पीलिया', yes('screen.fever'), has('yellow_skin_eyes')),
  rule(
    'pair.vomiting_diarrhoea_dehydration',
    EMERGENCY,
    'Vomiting and loose motions together with signs of dehydration',
    'पानी की कमी के लक्षणों के साथ उल्टी और दस्त',
    has('vomiting'),
    yes('diarrhoea.dry_dizzy'),
  ),
  rule(
    'pair.palpitations_breathless',
    EMERGENCY,
    'A racing heart together with shortness of breath',
    'साँस फूलने के साथ तेज़ धड़कन',
    has('palpitations'),
    has('breathlessness'),
  ),
  rule(
    'pair.pregnancy_abdominal_pain',
    EMERGENCY,
    'Stomach pain in pregnancy',
    'गर्भावस्था में पेट दर्द',
    has('pregnancy_concern'),
    has('abdominal_pain'),
  ),
]

// Where each rule comes from. A complaint's own rules cite the guidance for that complaint; the
// screen's, pairs' and new findings' rules cite their own.
const NHS_999 = 'NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'
const TRIAGE_PRACTICE = 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'
const NICE_FEVER_U5 = 'NICE NG143 Fever in under 5s: traffic-light system (2019, updated 2021)'
const NICE_SEPSIS = 'NICE NG51 Suspected sepsis: recognition, diagnosis and early management (2024)'
const IMCI = 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'
const WHO_DENGUE =
  'WHO Dengue: guidelines for diagnosis, treatment, prevention and control (2009): warning signs; NCVBDC (India) dengue guidelines'
const MALARIA =
  'NCVBDC (India) National Drug Policy on Malaria and WHO Guidelines for malaria (2023): test every fever in a malarious area; severe malaria'
const SNAKE = 'WHO SEARO Guidelines for the management of snakebites (2nd ed., 2016); ICMR Standard Treatment Workflow: Snakebite (2019)'
const SCORPION = 'ICMR Standard Treatment Workflow: Scorpion sting (2019)'
const RABIES = 'NCDC National Guidelines for Rabies Prophylaxis (2019); WHO position paper on rabies vaccines (2018)'
const NTEP =
  'India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'
const HEAT = 'NCDC/NPCCHH National Action Plan on Heat-Related Illnesses (2021): heat stroke, heat exhaustion'
const ANAPHYLAXIS = 'Resuscitation Council UK: Emergency treatment of anaphylaxis (2021)'
const NICE_CHEST = 'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2016); NICE CKS Chest pain'
const NICE_PE = 'NICE NG158 Venous thromboembolic diseases: diagnosis and management (2020, updated 2023)'
const BTS_ASTHMA = 'BTS/SIGN 158 British guideline on the management of asthma (2019): acute asthma'
const NICE_HEADACHE = 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'
const NICE_STROKE = 'NICE NG128 Stroke and TIA (2019, updated 2022): FAST'
const NICE_HEAD_INJURY = 'NICE NG232 Head injury: assessment and early management (2023)'
const NICE_MENINGITIS = 'NICE NG240 Bacterial meningitis and meningococcal disease (2024)'
const NICE_GI_BLEED = 'NICE CG141 Acute upper gastrointestinal bleeding in over 16s (2012, updated 2016)'
const NICE_GASTRO = 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s'
const NICE_SJS = 'NICE CKS Stevens–Johnson syndrome / BAD guidelines for SJS/TEN (2016)'
const NICE_SORE_THROAT = 'NICE NG84 Sore throat (acute): FeverPAIN and Centor criteria (2018)'
const NICE_CANCER = 'NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'
const NICE_PREGNANCY = 'NICE NG126 Ectopic pregnancy and miscarriage (2019); NICE NG133 Hypertension in pregnancy (2019)'
const NICE_SELF_HARM = 'NICE NG225 Self-harm (2022); Tele-MANAS, Ministry of Health and Family Welfare'
const NICE_TLOC = 'NICE CG109 Transient loss of consciousness in over 16s (2010, updated 2023)'
const NICE_EPILEPSY = 'NICE NG217 Epilepsies in children, young people and adults (2022)'
const NICE_DELIRIUM = 'NICE CG103 Delirium (2010, updated 2023); NICE NG97 Dementia (2018)'
const NICE_GCA = 'NICE CKS Giant cell arteritis (2024)'

/** The guidance behind each complaint's own rules (by the complaint their findings are about). */
const COMPLAINT_SOURCES = {
  fever: `NICE CKS Fever in adults; ${NICE_SEPSIS}; ${NICE_MENINGITIS}; ${WHO_DENGUE}`,
  fatigue: 'NICE CKS Tiredness/fatigue in adults (2021); NICE NG28 Type 2 diabetes',
  weight_loss: `${NICE_CANCER}; ${NTEP}`,
  body_ache: 'NICE CKS Rhabdomyolysis / NHS: rhabdomyolysis',
  night_sweats: NTEP,
  headache: NICE_HEADACHE,
  dizziness: `NICE CKS Vertigo (2023); ${NICE_STROKE}`,
  fainting: NICE_TLOC,
  numbness_weakness: NICE_STROKE,
  seizure: NICE_EPILEPSY,
  cough: `NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; ${NTEP}`,
  breathlessness: 'NICE CKS Breathlessness (2023); NICE NG106 Chronic heart failure',
  chest_pain: NICE_CHEST,
  palpitations: 'NICE CKS Palpitations (2020)',
  wheezing: BTS_ASTHMA,
  abdominal_pain: `NICE CKS Acute abdominal pain; ${NHS_999}`,
  vomiting: `${NICE_GASTRO}; ${NICE_HEAD_INJURY}`,
  diarrhoea: `${NICE_GASTRO}; WHO Cholera fact sheet (2023)`,
  constipation: `NICE CKS Constipation (2023); ${NICE_CANCER}`,
  heartburn: `NICE CG184 Dyspepsia and GORD (2019); ${NICE_CANCER}`,
  blood_in_stool: `${NICE_GI_BLEED}; ${NICE_CANCER}`,
  rash: `${NICE_SJS}; ${NICE_MENINGITIS}`,
  itching: 'NICE CKS Itch – widespread (2021)',
  skin_infection: `NICE NG141 Cellulitis and erysipelas (2019); ${RABIES}`,
  yellow_skin_eyes: 'NICE CKS Jaundice in adults (2022)',
  joint_pain: 'NICE CKS Septic arthritis; NICE CKS Gout',
  back_pain: 'NICE NG59 Low back pain and sciatica (2016, updated 2020): red flags, cauda equina',
  neck_pain: `NICE CKS Neck pain (2023); ${NICE_MENINGITIS}`,
  injury: `${NICE_HEAD_INJURY}; ${NHS_999}`,
  sore_throat: `${NICE_SORE_THROAT}; NICE CKS Quinsy, epiglottitis`,
  ear_pain: 'NICE CKS Otitis media – acute (2022): mastoiditis; sudden sensorineural hearing loss',
  runny_nose: 'NICE NG79 Sinusitis (2017): orbital complications',
  nosebleed: 'NICE CKS Epistaxis (2024)',
  eye_redness: 'NICE CKS Red eye (2022); Royal College of Ophthalmologists',
  blurred_vision: `NICE CKS Retinal detachment; ${NICE_STROKE}`,
  painful_urination: 'NICE NG109 UTI (lower) and NG111 Pyelonephritis (2018)',
  frequent_urination: 'NICE NG28 Type 2 diabetes; NICE CG97 Lower urinary tract symptoms in men',
  blood_in_urine: `NICE CKS Haematuria; ${NICE_CANCER}`,
  period_problems: `NICE NG88 Heavy menstrual bleeding (2018); ${NICE_CANCER}`,
  pregnancy_concern: `${NICE_PREGNANCY}; NICE NG201 Antenatal care (2021)`,
  vaginal_discharge: 'NICE CKS Pelvic inflammatory disease (2022)',
  breast_lump: `${NICE_CANCER}; NICE CKS Mastitis`,
  low_mood: `${NICE_SELF_HARM}; NICE NG222 Depression in adults (2022)`,
  anxiety: `${NICE_SELF_HARM}; NICE CG113 Generalised anxiety disorder and panic`,
  sleep_problems: 'NICE NG202 Obstructive sleep apnoea (2021); DVLA/MoRTH fitness to drive',
}

/** The complaint a rule is about: the first of its findings that is not of the screen. */
const complaintOf = (r) => r.conditions.map((c) => c.symptom ?? c.q.split('.')[0]).find((code) => code !== 'screen') ?? 'screen'

const with_ = (source, ...list) => list.map((r) => ({ ...r, source }))
const danger = (option) => ({ q: 'screen.danger', op: 'includes', value: option })
const child = (option) => ({ q: 'screen.child', op: 'includes', value: option })
const feverSign = (option) => ({ q: 'screen.fever_signs', op: 'includes', value: option })
const bitten = (kind) => ({ q: 'screen.bite_kind', op: 'eq', value: kind })
const age = (op, value) => ({ q: 'screen.age_years', op, value })

/** The screen's rules: they apply to every check, whatever its complaints. */
const screenRules = [
  ...with_(
    NHS_999,
    rule(
      'screen.breathless_at_rest',
      AMBULANCE,
      'Struggling to breathe at rest',
      'आराम में भी साँस लेने में बहुत तकलीफ़',
      danger('breathless_at_rest'),
    ),
    rule('screen.blue_lips', AMBULANCE, 'Blue or grey lips, tongue or face', 'नीले या धूसर होंठ, जीभ या चेहरा', danger('blue_lips')),
    rule('screen.confused', AMBULANCE, 'New confusion or drowsiness', 'अचानक भ्रम या सुस्ती', danger('confused')),
    rule(
      'screen.heavy_bleeding',
      AMBULANCE,
      'Bleeding that does not stop with pressure',
      'दबाने पर भी न रुकने वाला खून',
      danger('heavy_bleeding'),
    ),
    rule('screen.collapsed', DAY, 'Fainted or collapsed today', 'आज बेहोश हुए या गिर पड़े', danger('collapsed')),
  ),
  ...with_(
    NICE_CHEST,
    rule(
      'screen.chest_pain',
      AMBULANCE,
      'Heavy or tight chest pain, or pain spreading to the arm, jaw or back (possible heart attack)',
      'सीने में भारी या जकड़न वाला दर्द, या बाँह, जबड़े या पीठ तक जाता दर्द (दिल के दौरे की आशंका)',
      danger('chest_pain'),
    ),
  ),
  ...with_(
    NICE_STROKE,
    rule(
      'screen.stroke',
      AMBULANCE,
      'Sudden weakness, numbness or slurred speech (possible stroke)',
      'अचानक कमज़ोरी, सुन्नपन या लड़खड़ाती बोली (लकवे की आशंका)',
      danger('stroke_signs'),
    ),
  ),
  ...with_(
    NICE_HEADACHE,
    rule('screen.thunderclap', AMBULANCE, 'A sudden, very severe headache', 'अचानक, बहुत तेज़ सिरदर्द', danger('thunderclap_headache')),
  ),
  ...with_(
    NICE_GI_BLEED,
    rule('screen.gi_bleeding', EMERGENCY, 'Vomiting blood or black stools', 'खून की उल्टी या काला मल', danger('vomiting_blood')),
  ),
  ...with_(NICE_EPILEPSY, rule('screen.seizure', EMERGENCY, 'A fit (seizure)', 'दौरा (मिर्गी)', danger('seizure'))),
  ...with_(
    ANAPHYLAXIS,
    rule(
      'screen.face_swelling',
      AMBULANCE,
      'Sudden swelling of the lips, tongue or throat (possible anaphylaxis)',
      'होंठ, जीभ या गले में अचानक सूजन (गंभीर एलर्जी की आशंका)',
      danger('face_swelling'),
    ),
  ),
  ...with_(
    NICE_SELF_HARM,
    rule(
      'screen.self_harm',
      EMERGENCY,
      'Thoughts of ending your life: please talk to someone now (Tele-MANAS 14416)',
      'जीवन ख़त्म करने के विचार: कृपया अभी किसी से बात करें (टेली-मानस 14416)',
      danger('self_harm'),
    ),
  ),
  ...with_(
    NICE_GASTRO,
    rule(
      'screen.no_urine',
      DAY,
      'Very little or no urine (dehydration or kidney trouble)',
      'बहुत कम या बिल्कुल पेशाब नहीं (पानी की कमी या गुर्दे की समस्या)',
      danger('no_urine'),
    ),
    rule(
      'screen.no_urine_vomiting',
      EMERGENCY,
      'No urine with vomiting (severe dehydration)',
      'उल्टी के साथ पेशाब न होना (पानी की गंभीर कमी)',
      danger('no_urine'),
      has('vomiting'),
    ),
    rule(
      'screen.no_urine_diarrhoea',
      EMERGENCY,
      'No urine with loose motions (severe dehydration)',
      'दस्त के साथ पेशाब न होना (पानी की गंभीर कमी)',
      danger('no_urine'),
      has('diarrhoea'),
    ),
  ),
  // Temperature, at any complaint.
  ...with_(
    `NICE CKS Fever in adults; ${NICE_SEPSIS}`,
    rule('fever.high', DAY, 'Fever of 39.5 °C or more', '39.5 °C या उससे ज़्यादा बुखार', { q: 'screen.temperature', op: 'gte', value: 39.5 }),
    rule('fever.very_high', EMERGENCY, 'Fever of 41 °C or more', '41 °C या उससे ज़्यादा बुखार', {
      q: 'screen.temperature',
      op: 'gte',
      value: 41,
    }),
    rule('screen.fever_elderly', DAY, 'Fever at 75 or older', '75 साल या ज़्यादा उम्र में बुखार', yes('screen.fever'), age('gte', 75)),
    rule('screen.fever_pregnant', DAY, 'Fever in pregnancy', 'गर्भावस्था में बुखार', yes('screen.fever'), yes('screen.pregnant')),
  ),
  ...with_(
    NICE_MENINGITIS,
    rule(
      'fever.stiff_neck',
      EMERGENCY,
      'Fever with a stiff neck (possible meningitis)',
      'गर्दन की अकड़न के साथ बुखार (मेनिन्जाइटिस की आशंका)',
      feverSign('stiff_neck'),
    ),
    rule(
      'fever.high_stiff_neck',
      AMBULANCE,
      'Fever of 39.5 °C or more with a stiff neck',
      '39.5 °C या ज़्यादा बुखार के साथ गर्दन की अकड़न',
      { q: 'screen.temperature', op: 'gte', value: 39.5 },
      feverSign('stiff_neck'),
    ),
    rule(
      'fever.rash_not_fading',
      EMERGENCY,
      'Fever with a rash that does not fade under pressure',
      'बुखार के साथ दाने जो दबाने पर नहीं मिटते',
      feverSign('rash_not_fading'),
    ),
  ),
  ...with_(
    WHO_DENGUE,
    rule(
      'fever.bleeding',
      EMERGENCY,
      'Fever with bleeding (possible severe dengue)',
      'बुखार के साथ खून आना (गंभीर डेंगू की आशंका)',
      feverSign('bleeding'),
    ),
  ),
  ...with_(
    NICE_FEVER_U5,
    rule(
      'screen.fever_young_infant',
      EMERGENCY,
      'Fever in a baby under three months',
      'तीन महीने से छोटे शिशु को बुखार',
      yes('screen.fever'),
      age('lte', 0),
      { q: 'screen.age_months', op: 'lte', value: 2 },
    ),
    rule(
      'screen.fever_infant_39',
      DAY,
      'Fever of 39 °C or more in a baby under six months',
      'छह महीने से छोटे शिशु को 39 °C या ज़्यादा बुखार',
      age('lte', 0),
      { q: 'screen.age_months', op: 'lte', value: 5 },
      { q: 'screen.temperature', op: 'gte', value: 39 },
    ),
  ),
  ...with_(
    HEAT,
    rule(
      'screen.heat_stroke',
      AMBULANCE,
      'Confusion after heat exposure (possible heat stroke): cool the body now',
      'गर्मी के बाद भ्रम (लू लगने की आशंका): शरीर को अभी ठंडा करें',
      yes('screen.heat'),
      danger('confused'),
    ),
    rule(
      'screen.heat_temperature',
      AMBULANCE,
      'A temperature of 40 °C or more after heat exposure (possible heat stroke)',
      'गर्मी के बाद 40 °C या ज़्यादा तापमान (लू लगने की आशंका)',
      yes('screen.heat'),
      { q: 'screen.temperature', op: 'gte', value: 40 },
    ),
    rule(
      'screen.heat_collapse',
      EMERGENCY,
      'Fainting or collapse in the heat',
      'गर्मी में बेहोशी या गिर पड़ना',
      yes('screen.heat'),
      danger('collapsed'),
    ),
  ),
  ...with_(
    SNAKE,
    rule(
      'screen.snake',
      AMBULANCE,
      'A snake bite: go to hospital now for anti-venom; keep the limb still',
      'साँप का काटना: एंटी-वेनम के लिए अभी अस्पताल जाएँ; अंग को हिलाएँ नहीं',
      bitten('snake'),
    ),
  ),
  ...with_(
    SCORPION,
    rule('screen.scorpion', EMERGENCY, 'A scorpion sting: go to hospital now', 'बिच्छू का डंक: अभी अस्पताल जाएँ', bitten('scorpion')),
    rule('screen.scorpion_child', AMBULANCE, 'A scorpion sting in a child', 'बच्चे को बिच्छू का डंक', bitten('scorpion'), age('lte', 14)),
  ),
  ...with_(
    RABIES,
    rule(
      'screen.animal_bite',
      DAY,
      'An animal bite: wash it for 15 minutes and get rabies vaccine today',
      'जानवर का काटना: 15 मिनट धोएँ और आज ही रेबीज़ का टीका लगवाएँ',
      bitten('mammal'),
    ),
  ),
  ...with_(
    IMCI,
    rule(
      'child.cannot_drink',
      EMERGENCY,
      'A child who cannot drink or breastfeed',
      'बच्चा पानी नहीं पी पा रहा या स्तनपान नहीं कर पा रहा',
      child('cannot_drink'),
    ),
    rule('child.vomits_everything', EMERGENCY, 'A child who vomits everything', 'बच्चा सब कुछ उल्टी कर देता है', child('vomits_everything')),
    rule(
      'child.lethargic',
      EMERGENCY,
      'A child who is unusually sleepy or hard to wake',
      'बच्चा असामान्य रूप से सुस्त या जगाने में कठिनाई',
      child('lethargic'),
    ),
    rule(
      'child.dehydration_eyes_thirst',
      DAY,
      'Some dehydration in a child: sunken eyes and thirst',
      'बच्चे में पानी की कमी: धँसी आँखें और प्यास',
      child('sunken_eyes'),
      child('very_thirsty'),
    ),
    rule(
      'child.dehydration_eyes_pinch',
      DAY,
      'Some dehydration in a child: sunken eyes and a slow skin pinch',
      'बच्चे में पानी की कमी: धँसी आँखें और धीरे लौटती त्वचा',
      child('sunken_eyes'),
      child('slow_skin_pinch'),
    ),
    rule(
      'child.dehydration_thirst_pinch',
      DAY,
      'Some dehydration in a child: thirst and a slow skin pinch',
      'बच्चे में पानी की कमी: प्यास और धीरे लौटती त्वचा',
      child('very_thirsty'),
      child('slow_skin_pinch'),
    ),
    rule(
      'child.dehydration_restless',
      DAY,
      'Some dehydration in a child: restless with sunken eyes',
      'बच्चे में पानी की कमी: बेचैनी और धँसी आँखें',
      child('restless'),
      child('sunken_eyes'),
    ),
    rule(
      'child.fast_breathing',
      DAY,
      'Fast breathing or chest in-drawing in a child (possible pneumonia)',
      'बच्चे में तेज़ साँस या छाती धँसना (निमोनिया की आशंका)',
      child('fast_breathing'),
    ),
  ),
]

/** Rules of findings added for India's common emergencies, each with its own guidance. */
const addedRules = [
  ...with_(
    WHO_DENGUE,
    rule(
      'fever.dengue_belly',
      EMERGENCY,
      'Fever with severe belly pain (a dengue warning sign)',
      'बुखार के साथ पेट में तेज़ दर्द (डेंगू का चेतावनी लक्षण)',
      feverSign('belly_pain'),
    ),
    rule(
      'fever.dengue_vomiting',
      EMERGENCY,
      'Fever with repeated vomiting (a dengue warning sign)',
      'बुखार के साथ बार-बार उल्टी (डेंगू का चेतावनी लक्षण)',
      feverSign('vomiting'),
    ),
    rule(
      'fever.shock',
      AMBULANCE,
      'Fever with cold, clammy hands and feet (possible shock)',
      'ठंडे, चिपचिपे हाथ-पैर के साथ बुखार (शॉक की आशंका)',
      feverSign('cold_hands'),
    ),
  ),
  ...with_(
    MALARIA,
    rule(
      'fever.relapsing',
      DAY,
      'A fever that comes and goes with sweats: get a malaria test today',
      'पसीने के साथ आता-जाता बुखार: आज ही मलेरिया की जाँच कराएँ',
      yes('fever.comes_goes'),
    ),
    rule(
      'fever.malaria_area',
      DAY,
      'Fever after being in a malaria area: get a malaria test today',
      'मलेरिया वाले इलाक़े के बाद बुखार: आज ही मलेरिया की जाँच कराएँ',
      yes('screen.malaria_area'),
    ),
    rule(
      'fever.jaundice',
      EMERGENCY,
      'Fever with yellow eyes (possible severe malaria, hepatitis or leptospirosis)',
      'पीली आँखों के साथ बुखार (गंभीर मलेरिया, हेपेटाइटिस या लेप्टोस्पायरोसिस की आशंका)',
      feverSign('yellow_eyes'),
    ),
  ),
  ...with_(
    NICE_MENINGITIS,
    rule(
      'headache.light_fever',
      EMERGENCY,
      'Headache with fever and light hurting the eyes (possible meningitis)',
      'बुखार और रोशनी से आँखों में दर्द के साथ सिरदर्द (मेनिन्जाइटिस की आशंका)',
      yes('headache.light_hurts'),
      yes('screen.fever'),
    ),
  ),
  ...with_(
    NICE_GCA,
    rule(
      'headache.temporal_arteritis',
      DAY,
      'A new headache over 50 with jaw pain or a tender scalp (possible giant cell arteritis)',
      '50 से ज़्यादा उम्र में जबड़े के दर्द या सिर की त्वचा में दर्द के साथ सिरदर्द (जायंट सेल आर्टेराइटिस की आशंका)',
      yes('headache.jaw_scalp'),
      age('gte', 50),
    ),
  ),
  ...with_(
    BTS_ASTHMA,
    rule(
      'breathless.inhaler_failing',
      EMERGENCY,
      'Asthma whose reliever inhaler no longer helps',
      'दमा जिसमें राहत वाला इनहेलर अब काम नहीं करता',
      is('breathlessness.inhaler', 'not_helping'),
    ),
  ),
  ...with_(
    NICE_PE,
    rule(
      'breathless.calf',
      EMERGENCY,
      'Breathlessness with a swollen or painful calf (possible blood clot)',
      'सूजी या दर्द वाली पिंडली के साथ साँस फूलना (खून के थक्के की आशंका)',
      yes('breathlessness.one_calf'),
    ),
    rule(
      'breathless.clot_risk',
      EMERGENCY,
      'Breathlessness after an operation, bed rest, a long journey or childbirth (possible blood clot)',
      'ऑपरेशन, बिस्तर पर आराम, लंबी यात्रा या प्रसव के बाद साँस फूलना (खून के थक्के की आशंका)',
      yes('breathlessness.clot_risk'),
    ),
  ),
  ...with_(
    NICE_SORE_THROAT,
    rule(
      'throat.bacterial',
      SOON,
      'Fever, pus on the tonsils and tender glands without a cough (may need antibiotics)',
      'बुखार, टॉन्सिल पर मवाद और दर्द वाली गाँठें, खाँसी नहीं (एंटीबायोटिक की ज़रूरत हो सकती है)',
      yes('screen.fever'),
      yes('sore_throat.white_patches'),
      yes('sore_throat.tender_nodes'),
      is('sore_throat.cough', false),
    ),
  ),
  ...with_(
    NICE_HEAD_INJURY,
    rule(
      'injury.head_elderly',
      EMERGENCY,
      'A head injury at 65 or older',
      '65 साल या ज़्यादा उम्र में सिर की चोट',
      yes('injury.head_hit'),
      age('gte', 65),
    ),
  ),
  ...with_(
    SNAKE,
    rule(
      'bite.snake_envenomed',
      AMBULANCE,
      'Swelling, bleeding or weakness after a snake bite (venom is acting)',
      'साँप के काटने के बाद सूजन, खून या कमज़ोरी (ज़हर असर कर रहा है)',
      { q: 'bite_sting.snake_signs', op: 'includes', value: 'eyelids' },
    ),
    rule('bite.snake_bleeding', AMBULANCE, 'Bleeding after a snake bite', 'साँप के काटने के बाद खून बहना', {
      q: 'bite_sting.snake_signs',
      op: 'includes',
      value: 'bleeding',
    }),
  ),
  ...with_(
    RABIES,
    rule(
      'bite.deep',
      DAY,
      'A bite or scratch that broke the skin: rabies vaccine and immunoglobulin today',
      'त्वचा काटने वाला घाव या खरोंच: आज ही रेबीज़ का टीका और इम्युनोग्लोबुलिन',
      yes('bite_sting.skin_broken'),
    ),
  ),
  ...with_(
    SCORPION,
    rule('bite.scorpion_breathless', AMBULANCE, 'Breathlessness after a scorpion sting', 'बिच्छू के डंक के बाद साँस फूलना', {
      q: 'bite_sting.scorpion_signs',
      op: 'includes',
      value: 'breathless',
    }),
    rule('bite.scorpion_cold', AMBULANCE, 'Cold limbs after a scorpion sting', 'बिच्छू के डंक के बाद ठंडे हाथ-पैर', {
      q: 'bite_sting.scorpion_signs',
      op: 'includes',
      value: 'cold_limbs',
    }),
  ),
  ...with_(
    ANAPHYLAXIS,
    rule(
      'bite.allergic_before',
      EMERGENCY,
      'A sting after a serious allergic reaction to one before',
      'पहले डंक से गंभीर एलर्जी के बाद फिर डंक',
      yes('bite_sting.allergic_before'),
    ),
    rule('bite.many_stings', EMERGENCY, 'More than ten stings', 'दस से ज़्यादा डंक', yes('bite_sting.many_stings')),
    rule(
      'allergy.gut',
      EMERGENCY,
      'Hives with vomiting or cramps (possible anaphylaxis)',
      'उल्टी या ऐंठन के साथ पित्ती (गंभीर एलर्जी की आशंका)',
      yes('allergic_reaction.hives'),
      yes('allergic_reaction.vomiting_cramps'),
    ),
    rule(
      'allergy.faint',
      AMBULANCE,
      'Feeling faint during an allergic reaction (possible anaphylaxis)',
      'एलर्जी के दौरान बेहोशी जैसा लगना (गंभीर एलर्जी की आशंका)',
      yes('allergic_reaction.faint'),
    ),
    rule(
      'allergy.previous',
      EMERGENCY,
      'A new reaction after anaphylaxis before',
      'पहले गंभीर एलर्जी के बाद नई प्रतिक्रिया',
      yes('allergic_reaction.anaphylaxis_before'),
    ),
    rule(
      'allergy.medicine',
      DAY,
      'Hives after a medicine',
      'दवा के बाद पित्ती',
      yes('allergic_reaction.hives'),
      is('allergic_reaction.trigger', 'medicine'),
    ),
  ),
  ...with_(
    HEAT,
    rule(
      'heat.stroke',
      AMBULANCE,
      'Hot, dry skin after heat (possible heat stroke): cool the body now',
      'गर्मी के बाद गरम, सूखी त्वचा (लू की आशंका): शरीर को अभी ठंडा करें',
      yes('heat_illness.hot_dry_skin'),
    ),
    rule(
      'heat.cannot_drink',
      EMERGENCY,
      'Unable to drink after heat exposure',
      'गर्मी के बाद पानी न पी पाना',
      yes('heat_illness.cannot_drink'),
    ),
    rule(
      'heat.not_better',
      EMERGENCY,
      'Not better after 30 minutes of cooling and fluids',
      'ठंडक और पानी के 30 मिनट बाद भी ठीक नहीं',
      yes('heat_illness.not_better'),
    ),
  ),
  ...with_(
    NICE_SJS,
    rule(
      'mouth.sjs',
      EMERGENCY,
      'Mouth ulcers with skin blisters or sore eyes (possible Stevens–Johnson syndrome)',
      'त्वचा के छालों या आँखों के दर्द के साथ मुँह के छाले (स्टीवंस–जॉनसन सिंड्रोम की आशंका)',
      yes('mouth_ulcers.skin_eyes'),
    ),
  ),
  ...with_(
    NICE_GASTRO,
    rule(
      'mouth.cannot_drink',
      DAY,
      'Mouth ulcers too painful to drink',
      'इतने दर्द वाले छाले कि पानी न पी सकें',
      yes('mouth_ulcers.cannot_drink'),
    ),
  ),
  ...with_(
    NICE_CANCER,
    rule('mouth.three_weeks', SOON, 'A mouth ulcer for three weeks or more (needs checking)', 'तीन हफ़्ते या ज़्यादा से मुँह का छाला (जाँच ज़रूरी)', {
      q: 'mouth_ulcers.duration',
      op: 'gte_days',
      value: 21,
    }),
    rule(
      'mouth.patch',
      SOON,
      'A lump or patch in the mouth that does not go away',
      'मुँह में गाँठ या धब्बा जो ठीक नहीं होता',
      yes('mouth_ulcers.lump_patch'),
    ),
  ),
  ...with_(
    NICE_DELIRIUM,
    rule('confusion.hours', AMBULANCE, 'Confusion that began today', 'आज शुरू हुआ भ्रम', is('confusion.started', 'hours')),
    rule(
      'confusion.days',
      EMERGENCY,
      'Confusion that began in the last few days (possible delirium)',
      'पिछले कुछ दिनों में शुरू हुआ भ्रम (डिलीरियम की आशंका)',
      is('confusion.started', 'days'),
    ),
    rule(
      'confusion.weeks',
      SOON,
      'Confusion growing over weeks or months (needs a memory assessment)',
      'हफ़्तों या महीनों में बढ़ता भ्रम (याददाश्त की जाँच ज़रूरी)',
      is('confusion.started', 'weeks'),
    ),
    rule(
      'confusion.head_injury',
      EMERGENCY,
      'Confusion after a fall or head injury',
      'गिरने या सिर की चोट के बाद भ्रम',
      yes('confusion.head_injury'),
    ),
    rule(
      'confusion.diabetes',
      EMERGENCY,
      'New confusion on diabetes treatment (possible low sugar): give sugar if able to swallow',
      'डायबिटीज़ के इलाज में नया भ्रम (शुगर कम होने की आशंका): निगल सकें तो चीनी दें',
      yes('confusion.diabetes'),
      { q: 'confusion.started', op: 'in', value: ['hours', 'days'] },
    ),
  ),
]

export const rules = [
  ...screenRules,
  ...complaintRules.map((r) => ({ ...r, source: r.source ?? COMPLAINT_SOURCES[complaintOf(r)] })),
  ...addedRules,
]

/**
 * Severe and recent (two weeks at most) → see a doctor within 24 h; lasting two weeks → see a
 * doctor. Generated per complaint. A long-standing problem rated severe (eczema, back pain) is a
 * consultation, not a 24-hour one: what makes it urgent are its red flags, asked for separately.
 */
export function standardRules() {
  return symptoms
    .filter((s) => s.kind === 'complaint')
    .flatMap((s) => [
      {
        ...rule(
          `${s.code}.severe`,
          DAY,
          `Severe ${s.en.toLowerCase()}`,
          `गंभीर ${s.hi}`,
          { q: `${s.code}.severity`, op: 'eq', value: 'severe' },
          { q: `${s.code}.duration`, op: 'lte_days', value: 14 },
        ),
        source: TRIAGE_PRACTICE,
      },
      {
        ...rule(`${s.code}.two_weeks`, SOON, `${s.en} for two weeks or more`, `दो हफ़्ते या ज़्यादा से ${s.hi}`, {
          q: `${s.code}.duration`,
          op: 'gte_days',
          value: 14,
        }),
        source: TRIAGE_PRACTICE,
      },
    ])
}
