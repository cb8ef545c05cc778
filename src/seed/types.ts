import { z } from 'zod';

/** The shape of the seed files in src/seed/<tenant>/, checked when they are loaded. */

const text = z.object({ ja: z.string().min(1), en: z.string().min(1).nullable() });
export type Text = z.infer<typeof text>;

const coded = z.object({ code: z.string().regex(/^[a-z0-9-]+$/), name: text });

export const tenantSeed = z.object({
  tenant: z.object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    name: text,
    gateName: text,
    office: text,
    opened: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    cityVision: text,
    intro: text,
  }),
  fields: z.array(coded).length(8),
  concepts: z.array(coded.extend({ description: text.nullable().optional() })),
  partnershipMethods: z.array(
    coded.extend({
      ownProcedure: z.boolean().optional(),
      summary: text,
      whenToUse: text.nullable().optional(),
    }),
  ),
  eligibilityGrounds: z.array(z.object({ code: z.string(), text })),
  partnerPrograms: z.array(coded.extend({ bureau: z.string(), summary: text })),
  bureaus: z.array(coded),
  partnerCities: z.array(coded),
});
export type TenantSeed = z.infer<typeof tenantSeed>;

export const challengeSeed = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  field: z.string(),
  concepts: z.array(z.string()),
  bureau: z.string(),
  title: text,
  situation: text,
  wanted: text,
  outcome: text.nullable().optional(),
  offer: text.nullable().optional(),
  partnerBenefit: text.nullable().optional(),
  constraints: text.nullable().optional(),
  contact: text.nullable().optional(),
  themeCall: z
    .object({
      opensOffsetDays: z.number().int(),
      closesOffsetDays: z.number().int(),
      questionDeadlineOffsetDays: z.number().int(),
      conditions: text.nullable().optional(),
      criteria: text.nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type ChallengeSeed = z.infer<typeof challengeSeed>;

export const caseSeed = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  origin: z.enum(['own', 'wide-area', 'other-city']),
  municipality: text,
  year: z.number().int().nullable(),
  partners: text,
  fields: z.array(z.string()).min(1),
  methods: z.array(z.string()).min(1),
  title: text,
  summary: text,
  sourceUrl: z.url({ protocol: /^https?$/ }).nullable(),
  sourceNote: text.nullable().optional(),
});
export type CaseSeed = z.infer<typeof caseSeed>;
