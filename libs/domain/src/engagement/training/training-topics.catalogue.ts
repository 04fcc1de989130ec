// The minimum topics of training for public security forces assigned to a site, per edition of the
// toolkit, as data. Roundtable's own short wording of the toolkit's advice (not its text); a domain
// expert should review the lists before groups treat them as authoritative. English, French and
// Swahili labels.

export const TRAINING_CATALOGUE_EDITIONS = ['2nd', '3rd'] as const;
export type TrainingCatalogueEdition = (typeof TRAINING_CATALOGUE_EDITIONS)[number];
export const LATEST_TRAINING_EDITION: TrainingCatalogueEdition = '3rd';

export const TRAINING_CATALOGUE_LOCALES = ['en', 'fr', 'sw'] as const;
export type TrainingCatalogueLocale = (typeof TRAINING_CATALOGUE_LOCALES)[number];

type Localised = Record<TrainingCatalogueLocale, string>;

interface TopicEntry {
  key: string;
  label: Localised;
  // The editions that list it among the minimum topics; other editions offer it as optional.
  minimumIn: TrainingCatalogueEdition[];
}

const TOPICS: TopicEntry[] = [
  {
    key: 'human_rights_law',
    label: {
      en: 'International human rights and humanitarian law',
      fr: "Droit international des droits de l'homme et droit humanitaire",
      sw: 'Sheria za kimataifa za haki za binadamu na za kibinadamu',
    },
    minimumIn: ['2nd', '3rd'],
  },
  {
    key: 'voluntary_principles',
    label: {
      en: 'The Voluntary Principles on Security and Human Rights',
      fr: 'Les Principes volontaires sur la sécurité et les droits de l’homme',
      sw: 'Kanuni za Hiari kuhusu Usalama na Haki za Binadamu',
    },
    minimumIn: ['2nd', '3rd'],
  },
  {
    key: 'use_of_force',
    label: {
      en: 'Use of force and firearms (UN Basic Principles)',
      fr: 'Recours à la force et aux armes à feu (Principes de base des Nations Unies)',
      sw: 'Matumizi ya nguvu na silaha (Kanuni za Msingi za UN)',
    },
    minimumIn: ['2nd', '3rd'],
  },
  {
    key: 'code_of_conduct',
    label: {
      en: 'UN Code of Conduct for Law Enforcement Officials',
      fr: 'Code de conduite des Nations Unies pour les responsables de l’application des lois',
      sw: 'Kanuni za Maadili za UN kwa Maafisa wa Kutekeleza Sheria',
    },
    minimumIn: ['2nd', '3rd'],
  },
  {
    key: 'arrest_and_detention',
    label: {
      en: 'Arrest, detention and treatment of detainees',
      fr: 'Arrestation, détention et traitement des personnes détenues',
      sw: 'Kukamata, kuweka kizuizini na kuwatendea wafungwa',
    },
    minimumIn: ['2nd', '3rd'],
  },
  {
    key: 'community_relations',
    label: {
      en: 'Relations with local communities',
      fr: 'Relations avec les communautés locales',
      sw: 'Mahusiano na jamii za eneo',
    },
    minimumIn: ['2nd', '3rd'],
  },
  {
    key: 'first_aid',
    label: { en: 'First aid', fr: 'Premiers secours', sw: 'Huduma ya kwanza' },
    minimumIn: ['2nd'],
  },
  {
    key: 'gender_and_sgbv',
    label: {
      en: 'Gender and sexual and gender-based violence',
      fr: 'Genre et violences sexuelles et basées sur le genre',
      sw: 'Jinsia na ukatili wa kingono na wa kijinsia',
    },
    minimumIn: ['3rd'],
  },
  {
    key: 'incident_reporting',
    label: {
      en: 'Recording and reporting incidents and allegations',
      fr: 'Consigner et signaler les incidents et les allégations',
      sw: 'Kurekodi na kuripoti matukio na madai',
    },
    minimumIn: ['3rd'],
  },
  {
    key: 'vulnerable_groups',
    label: {
      en: 'Children, indigenous peoples and other groups at risk',
      fr: 'Enfants, peuples autochtones et autres groupes à risque',
      sw: 'Watoto, watu wa asili na makundi mengine yaliyo hatarini',
    },
    minimumIn: ['3rd'],
  },
  {
    key: 'crowd_management',
    label: {
      en: 'Managing crowds and demonstrations',
      fr: 'Gestion des foules et des manifestations',
      sw: 'Kusimamia umati na maandamano',
    },
    minimumIn: [],
  },
  {
    key: 'artisanal_mining',
    label: {
      en: 'Dealing with artisanal and small-scale miners',
      fr: 'Relations avec les exploitants artisanaux et à petite échelle',
      sw: 'Kushughulika na wachimbaji wadogo',
    },
    minimumIn: [],
  },
];

export const TRAINING_TOPIC_KEYS: readonly string[] = TOPICS.map((t) => t.key);

export const TRAINING_EDITION_TITLES: Record<TrainingCatalogueEdition, Localised> = {
  '2nd': {
    en: 'Toolkit, second edition',
    fr: 'Boîte à outils, deuxième édition',
    sw: 'Zana, toleo la pili',
  },
  '3rd': {
    en: 'Toolkit, third edition',
    fr: 'Boîte à outils, troisième édition',
    sw: 'Zana, toleo la tatu',
  },
};

export interface TrainingTopic {
  key: string;
  label: string;
  minimum: boolean;
}

// Every topic, with whether `edition` lists it among the minimum topics, in catalogue order.
export function trainingTopics(
  edition: TrainingCatalogueEdition,
  locale: TrainingCatalogueLocale = 'en',
): TrainingTopic[] {
  return TOPICS.map((t) => ({ key: t.key, label: t.label[locale], minimum: t.minimumIn.includes(edition) }));
}

export function minimumTopics(edition: TrainingCatalogueEdition): string[] {
  return TOPICS.filter((t) => t.minimumIn.includes(edition)).map((t) => t.key);
}

export function isTrainingTopic(key: string): boolean {
  return TRAINING_TOPIC_KEYS.includes(key);
}
