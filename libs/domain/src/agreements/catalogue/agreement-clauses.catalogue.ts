// The clause catalogue of an MoU with public security forces (toolkit §2.3, clauses a–j), as data.
// Roundtable's own wording of the toolkit's advice — a drafting aid the parties adapt to national
// law, not the toolkit's text. The two editions differ in wording and in whether the Voluntary
// Principles must be annexed (clause j). English and French.

export const CATALOGUE_LOCALES = ['en', 'fr'] as const;
export type CatalogueLocale = (typeof CATALOGUE_LOCALES)[number];

export const CATALOGUE_EDITIONS = ['2nd', '3rd'] as const;
export type CatalogueEdition = (typeof CATALOGUE_EDITIONS)[number];
export const LATEST_EDITION: CatalogueEdition = '3rd';

export interface EditionInfo {
  key: CatalogueEdition;
  title: Record<CatalogueLocale, string>;
  // Whether clause j counts as covered only with the Voluntary Principles annexed (annex "vps").
  vpsAnnexRequired: boolean;
}

export const EDITIONS: Record<CatalogueEdition, EditionInfo> = {
  '2nd': {
    key: '2nd',
    title: { en: 'Toolkit, second edition', fr: 'Boîte à outils, deuxième édition' },
    vpsAnnexRequired: false,
  },
  '3rd': {
    key: '3rd',
    title: { en: 'Toolkit, third edition', fr: 'Boîte à outils, troisième édition' },
    vpsAnnexRequired: true,
  },
};

type Localised = Record<CatalogueLocale, string>;

interface CatalogueEntry {
  key: string;
  heading: Localised;
  guidance: Localised;
  // Template wording per edition.
  body: Record<CatalogueEdition, Localised>;
}

export const CATALOGUE_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
export type CatalogueKey = (typeof CATALOGUE_KEYS)[number];

export const VPS_ANNEX_KEY = 'vps';

const ENTRIES: CatalogueEntry[] = [
  {
    key: 'a',
    heading: {
      en: 'Adherence to international standards',
      fr: 'Respect des normes internationales',
    },
    guidance: {
      en: 'Name the Voluntary Principles, the UN Code of Conduct for Law Enforcement Officials and the UN Basic Principles on the Use of Force and Firearms, and the national law that gives them effect.',
      fr: "Citez les Principes volontaires, le Code de conduite des Nations Unies pour les responsables de l'application des lois et les Principes de base sur le recours à la force et l'utilisation des armes à feu, ainsi que la loi nationale qui leur donne effet.",
    },
    body: {
      '2nd': {
        en: 'The public security forces assigned to the site act in accordance with national law, the Voluntary Principles on Security and Human Rights, the UN Code of Conduct for Law Enforcement Officials and the UN Basic Principles on the Use of Force and Firearms.',
        fr: "Les forces de sécurité publique affectées au site agissent conformément à la loi nationale, aux Principes volontaires sur la sécurité et les droits de l'homme, au Code de conduite des Nations Unies pour les responsables de l'application des lois et aux Principes de base des Nations Unies sur le recours à la force et l'utilisation des armes à feu.",
      },
      '3rd': {
        en: 'The parties commit to respect human rights and, where applicable, international humanitarian law. Public security forces assigned to the site apply national law in line with the Voluntary Principles on Security and Human Rights, the UN Code of Conduct for Law Enforcement Officials and the UN Basic Principles on the Use of Force and Firearms; force is used only when strictly necessary and in proportion to the threat.',
        fr: "Les parties s'engagent à respecter les droits de l'homme et, le cas échéant, le droit international humanitaire. Les forces de sécurité publique affectées au site appliquent la loi nationale conformément aux Principes volontaires sur la sécurité et les droits de l'homme, au Code de conduite des Nations Unies pour les responsables de l'application des lois et aux Principes de base des Nations Unies sur le recours à la force et l'utilisation des armes à feu ; la force n'est employée qu'en cas de stricte nécessité et de manière proportionnée à la menace.",
      },
    },
  },
  {
    key: 'b',
    heading: {
      en: 'Respect for company security policies',
      fr: "Respect des politiques de sécurité de l'entreprise",
    },
    guidance: {
      en: "Annex or cite the company's security and human rights policy and its rules on the use of force on the site; say how changes are communicated.",
      fr: "Annexez ou citez la politique de sécurité et de droits de l'homme de l'entreprise et ses règles sur le recours à la force sur le site ; précisez comment les changements sont communiqués.",
    },
    body: {
      '2nd': {
        en: "Public security personnel on the site respect the company's security and human rights policies, which the company shares with the commanding officer.",
        fr: "Le personnel de sécurité publique présent sur le site respecte les politiques de sécurité et de droits de l'homme de l'entreprise, que celle-ci communique à l'officier commandant.",
      },
      '3rd': {
        en: "Public security personnel deployed on the company's premises respect the company's security and human rights policies and site rules, including its rules on the use of force. The company provides them in writing to the commanding officer and informs the public security forces of any change.",
        fr: "Le personnel de sécurité publique déployé dans les locaux de l'entreprise respecte les politiques de sécurité et de droits de l'homme ainsi que le règlement du site, y compris les règles sur le recours à la force. L'entreprise les remet par écrit à l'officier commandant et informe les forces de sécurité publique de toute modification.",
      },
    },
  },
  {
    key: 'c',
    heading: { en: 'Vetting', fr: 'Vérification des antécédents' },
    guidance: {
      en: 'Agree who vets, against which records, and what happens when an allegation arises after deployment.',
      fr: "Convenez de qui vérifie, sur la base de quels registres, et de ce qui se passe lorsqu'une allégation survient après le déploiement.",
    },
    body: {
      '2nd': {
        en: 'No person credibly implicated in human rights abuses is assigned to the site.',
        fr: "Aucune personne impliquée de manière crédible dans des atteintes aux droits de l'homme n'est affectée au site.",
      },
      '3rd': {
        en: 'The public security forces vet the personnel they assign to the site so that no person credibly implicated in human rights abuses or violations of international humanitarian law is deployed. Personnel against whom a credible allegation is made after deployment are withdrawn pending investigation.',
        fr: "Les forces de sécurité publique vérifient les antécédents du personnel qu'elles affectent au site afin qu'aucune personne impliquée de manière crédible dans des atteintes aux droits de l'homme ou des violations du droit international humanitaire ne soit déployée. Le personnel visé par une allégation crédible après son déploiement est retiré dans l'attente d'une enquête.",
      },
    },
  },
  {
    key: 'd',
    heading: { en: 'Training', fr: 'Formation' },
    guidance: {
      en: 'Say who trains, on which topics (human rights, use of force, the Voluntary Principles), how often, and how attendance is recorded; training before deployment where possible.',
      fr: "Précisez qui forme, sur quels thèmes (droits de l'homme, recours à la force, Principes volontaires), à quelle fréquence et comment la participation est enregistrée ; la formation a lieu avant le déploiement lorsque c'est possible.",
    },
    body: {
      '2nd': {
        en: 'Personnel assigned to the site receive training in human rights and the Voluntary Principles.',
        fr: "Le personnel affecté au site reçoit une formation aux droits de l'homme et aux Principes volontaires.",
      },
      '3rd': {
        en: 'Personnel assigned to the site are trained, before deployment where possible and regularly thereafter, in human rights, the appropriate use of force and the Voluntary Principles. The parties agree the programme, its providers and the records kept of it.',
        fr: "Le personnel affecté au site est formé, avant son déploiement lorsque c'est possible puis régulièrement, aux droits de l'homme, à l'usage approprié de la force et aux Principes volontaires. Les parties conviennent du programme, de ses prestataires et des registres tenus.",
      },
    },
  },
  {
    key: 'e',
    heading: { en: 'Equipment transfers', fr: "Transferts d'équipement" },
    guidance: {
      en: 'List what may be provided, under which conditions, and how its use is monitored; lethal equipment is not provided.',
      fr: "Listez ce qui peut être fourni, à quelles conditions, et comment son utilisation est suivie ; aucun équipement létal n'est fourni.",
    },
    body: {
      '2nd': {
        en: 'Any equipment the company provides is recorded and used only for the purposes agreed.',
        fr: "Tout équipement fourni par l'entreprise est enregistré et utilisé uniquement aux fins convenues.",
      },
      '3rd': {
        en: 'Any transfer of equipment by the company is assessed for its risks beforehand, recorded, subject to written conditions on its use and monitored. The company does not provide lethal equipment. Misuse leads to the suspension of further transfers.',
        fr: "Tout transfert d'équipement par l'entreprise fait l'objet d'une évaluation préalable des risques, est enregistré, soumis à des conditions d'utilisation écrites et suivi. L'entreprise ne fournit pas d'équipement létal. Un usage abusif entraîne la suspension de tout nouveau transfert.",
      },
    },
  },
  {
    key: 'f',
    heading: { en: 'Contributions', fr: 'Contributions' },
    guidance: {
      en: 'Cover allowances, food, fuel, lodging and transport: who receives them, how they are recorded and disclosed; never payments to individuals.',
      fr: 'Couvrez indemnités, vivres, carburant, logement et transport : qui les reçoit, comment elles sont enregistrées et rendues publiques ; jamais de paiements à des individus.',
    },
    body: {
      '2nd': {
        en: 'Financial and in-kind contributions from the company are recorded and made to the institution, not to individuals.',
        fr: "Les contributions financières et en nature de l'entreprise sont enregistrées et versées à l'institution, non à des individus.",
      },
      '3rd': {
        en: "Financial and in-kind contributions by the company (allowances, food, fuel, lodging, transport) are made to the institution and never to individuals, are recorded, and are disclosed in line with national law and the company's transparency commitments.",
        fr: "Les contributions financières et en nature de l'entreprise (indemnités, vivres, carburant, logement, transport) sont versées à l'institution et jamais à des individus, sont enregistrées et rendues publiques conformément à la loi nationale et aux engagements de transparence de l'entreprise.",
      },
    },
  },
  {
    key: 'g',
    heading: { en: 'Information-sharing', fr: "Partage d'informations" },
    guidance: {
      en: 'Say what is shared (security risks, incidents, allegations of abuse), with whom, how fast, and how confidential information and the identity of victims and witnesses are protected.',
      fr: "Précisez ce qui est partagé (risques sécuritaires, incidents, allégations d'abus), avec qui, dans quel délai, et comment les informations confidentielles et l'identité des victimes et des témoins sont protégées.",
    },
    body: {
      '2nd': {
        en: 'The parties share information on security risks and incidents with due regard for confidentiality.',
        fr: 'Les parties échangent des informations sur les risques sécuritaires et les incidents en tenant dûment compte de la confidentialité.',
      },
      '3rd': {
        en: 'The parties share information on security risks, incidents and credible allegations of human rights abuses promptly, with due regard for confidentiality and for the safety of victims and witnesses. Allegations are referred to the competent authorities and their follow-up is reported to the parties.',
        fr: "Les parties échangent rapidement des informations sur les risques sécuritaires, les incidents et les allégations crédibles d'atteintes aux droits de l'homme, en tenant dûment compte de la confidentialité et de la sécurité des victimes et des témoins. Les allégations sont transmises aux autorités compétentes et leur suivi est communiqué aux parties.",
      },
    },
  },
  {
    key: 'h',
    heading: { en: 'Collaboration', fr: 'Collaboration' },
    guidance: {
      en: 'Describe joint planning, how responses to protests or intrusions are coordinated, and how communities are consulted.',
      fr: 'Décrivez la planification conjointe, la coordination des réponses aux manifestations ou intrusions, et la consultation des communautés.',
    },
    body: {
      '2nd': {
        en: 'The parties work together to prevent and respond to security incidents in a manner that respects human rights.',
        fr: "Les parties collaborent pour prévenir les incidents de sécurité et y répondre dans le respect des droits de l'homme.",
      },
      '3rd': {
        en: 'The parties plan together, coordinate their responses to security incidents so that force is a last resort, and consult the communities around the site on security arrangements that affect them.',
        fr: "Les parties planifient ensemble, coordonnent leurs réponses aux incidents de sécurité afin que la force ne soit utilisée qu'en dernier recours, et consultent les communautés riveraines du site sur les dispositifs de sécurité qui les concernent.",
      },
    },
  },
  {
    key: 'i',
    heading: { en: 'Points of contact', fr: 'Points de contact' },
    guidance: {
      en: 'Name a function (not only a person) on each side, a deputy, and how often they meet; update the names after every rotation.',
      fr: 'Désignez une fonction (pas seulement une personne) de chaque côté, un suppléant, et la fréquence de leurs réunions ; mettez les noms à jour après chaque rotation.',
    },
    body: {
      '2nd': {
        en: 'Each party names a point of contact for the implementation of this agreement.',
        fr: 'Chaque partie désigne un point de contact pour la mise en œuvre du présent accord.',
      },
      '3rd': {
        en: 'Each party names a point of contact and a deputy for the implementation of this agreement. They meet regularly, at least before each rotation of personnel, and the parties inform each other of any change of contact without delay.',
        fr: "Chaque partie désigne un point de contact et un suppléant pour la mise en œuvre du présent accord. Ils se réunissent régulièrement, au moins avant chaque rotation du personnel, et les parties s'informent sans délai de tout changement de contact.",
      },
    },
  },
  {
    key: 'j',
    heading: { en: 'The Voluntary Principles as an annex', fr: 'Les Principes volontaires en annexe' },
    guidance: {
      en: 'Annex the text of the Voluntary Principles (annex "vps") so every commander has it; the third edition treats the annex as part of the agreement.',
      fr: "Annexez le texte des Principes volontaires (annexe « vps ») afin que chaque commandant en dispose ; la troisième édition considère l'annexe comme partie intégrante de l'accord.",
    },
    body: {
      '2nd': {
        en: 'The parties refer to the Voluntary Principles on Security and Human Rights; their text may be annexed to this agreement.',
        fr: "Les parties se réfèrent aux Principes volontaires sur la sécurité et les droits de l'homme ; leur texte peut être annexé au présent accord.",
      },
      '3rd': {
        en: 'The Voluntary Principles on Security and Human Rights are annexed to this agreement and form an integral part of it.',
        fr: "Les Principes volontaires sur la sécurité et les droits de l'homme sont annexés au présent accord et en font partie intégrante.",
      },
    },
  },
];

// The annex of the template: an outline of the Voluntary Principles, to be replaced by the official
// text in the agreement's language before signature.
const VPS_ANNEX: { title: Localised; body: Localised } = {
  title: {
    en: 'The Voluntary Principles on Security and Human Rights',
    fr: "Les Principes volontaires sur la sécurité et les droits de l'homme",
  },
  body: {
    en: [
      'Replace this outline with the official text of the Voluntary Principles before signature.',
      '',
      '1. Risk assessment: assess the security risks and the risk of human rights abuses, including the potential for violence, the human rights record of public security forces, the rule of law, conflict analysis and equipment transfers.',
      '2. Interactions between companies and public security: security arrangements, deployment and conduct consistent with human rights; consultation and advice; responses to human rights abuses, which are recorded and reported to the authorities.',
      '3. Interactions between companies and private security: compliance with the law and human rights, defensive use of force only, vetting, training, investigation of allegations and monitoring.',
    ].join('\n'),
    fr: [
      'Remplacez ce plan par le texte officiel des Principes volontaires avant la signature.',
      '',
      "1. Évaluation des risques : évaluer les risques sécuritaires et les risques d'atteintes aux droits de l'homme, notamment le potentiel de violence, le bilan des forces de sécurité publique en matière de droits de l'homme, l'état de droit, l'analyse des conflits et les transferts d'équipement.",
      "2. Relations entre les entreprises et la sécurité publique : dispositifs de sécurité, déploiement et conduite conformes aux droits de l'homme ; consultation et conseil ; réponse aux atteintes aux droits de l'homme, qui sont consignées et signalées aux autorités.",
      "3. Relations entre les entreprises et la sécurité privée : respect de la loi et des droits de l'homme, usage de la force uniquement défensif, vérification des antécédents, formation, enquête sur les allégations et suivi.",
    ].join('\n'),
  },
};

export function isCatalogueLocale(locale: string): locale is CatalogueLocale {
  return (CATALOGUE_LOCALES as readonly string[]).includes(locale);
}

// The catalogue locale for a BCP 47 tag (fr-CD → fr), or null when the catalogue lacks it.
export function catalogueLocaleOf(locale: string): CatalogueLocale | null {
  const base = locale.toLowerCase().split('-')[0];
  return isCatalogueLocale(base) ? base : null;
}

export interface CatalogueClause {
  key: string;
  heading: string;
  guidance: string;
  body: string;
  edition: CatalogueEdition;
}

export function catalogueClauses(edition: CatalogueEdition, locale: CatalogueLocale): CatalogueClause[] {
  return ENTRIES.map((e) => ({
    key: e.key,
    heading: e.heading[locale],
    guidance: e.guidance[locale],
    body: e.body[edition][locale],
    edition,
  }));
}

export interface TemplateContent {
  clauses: { key: string; heading: string; body: string }[];
  annexes: { key: string; title: string; body: string }[];
}

// Version 1 of an agreement started from the template "dcaf-2.3": clauses a)–j) of the edition in
// the agreement's language, and the Voluntary Principles as annex "vps".
export function templateContent(edition: CatalogueEdition, locale: CatalogueLocale): TemplateContent {
  return {
    clauses: catalogueClauses(edition, locale).map(({ key, heading, body }) => ({ key, heading, body })),
    annexes: [{ key: VPS_ANNEX_KEY, title: VPS_ANNEX.title[locale], body: VPS_ANNEX.body[locale] }],
  };
}
