/**
 * The contract of guided service (情形引导, issue #5): requests, the personal checklist, life
 * events (一件事一次办) and their merged checklist. The web client takes its types from here.
 */
import { z } from 'zod';
import { entryIdSchema, isoDateSchema, localIdSchema } from '../knowledge/knowledge.schema.js';

/** questionId → optionId (single choice) or optionId[] (multiple choice). */
export const answersSchema = z.record(z.string().min(1).max(200), z.union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(50)]));
export type Answers = z.infer<typeof answersSchema>;

export const guideRequestSchema = z.object({
  answers: answersSchema.default({}),
  /** the item versions in force on this date (default today, Asia/Shanghai) */
  date: isoDateSchema.optional(),
  /** continue this session (its answers are replaced by these) instead of starting a new one */
  resumeToken: z.string().min(16).max(128).optional(),
});
export type GuideRequest = z.input<typeof guideRequestSchema>;

/** Where an element of the checklist comes from: an entry version and, when known, its passage. */
export const citeSchema = z.object({
  docId: z.string(),
  version: z.number().int(),
  label: z.string().optional(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});
export type Cite = z.infer<typeof citeSchema>;

/** The 情形 answer that put an element on (or took it off) the checklist. */
export const causeSchema = z.object({
  questionId: z.string(),
  question: z.string(),
  optionId: z.string(),
  option: z.string(),
});
export type Cause = z.infer<typeof causeSchema>;

const tagged = { causes: z.array(causeSchema), cite: citeSchema };

export const questionViewSchema = z.object({
  /** the key to answer with (in a life event, item questions are `itemId/questionId`) */
  key: z.string(),
  questionId: z.string(),
  question: z.string(),
  help: z.string().optional(),
  multiple: z.boolean(),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  /** asked because of this earlier answer */
  followUpOf: z.object({ key: z.string(), optionId: z.string() }).optional(),
  /** life events: the item this question belongs to (absent for shared questions) */
  itemId: z.string().optional(),
  itemName: z.string().optional(),
});
export type QuestionView = z.infer<typeof questionViewSchema>;

export const answeredSchema = questionViewSchema.extend({ optionIds: z.array(z.string()), labels: z.array(z.string()) });
export type AnsweredView = z.infer<typeof answeredSchema>;

export const checklistMaterialSchema = z.object({
  key: z.string(),
  name: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  sourceLabel: z.string(),
  necessity: z.string(),
  necessityLabel: z.string(),
  /** 必要 (容缺后补 and 非必要 are not) */
  required: z.boolean(),
  form: z.string(),
  originals: z.number().int(),
  copies: z.number().int(),
  /** how to bring it: 原件1份, 复印件2份, 电子版 … */
  presentation: z.array(z.string()),
  paperSpec: z.string().optional(),
  notes: z.array(z.string()),
  blankForm: z.string().optional(),
  sample: z.string().optional(),
  acceptanceStandard: z.string().optional(),
  ...tagged,
});
export type ChecklistMaterial = z.infer<typeof checklistMaterialSchema>;

const timeLimitViewSchema = z.object({ value: z.number().int(), unit: z.string(), note: z.string().optional(), text: z.string(), ...tagged });

export const itemChecklistSchema = z.object({
  item: z.object({ docId: z.string(), version: z.number().int(), name: z.string(), agency: z.string().optional(), department: z.string().nullable() }),
  /** all questions that apply have been answered */
  complete: z.boolean(),
  answered: z.array(answeredSchema),
  remaining: z.array(questionViewSchema),
  materials: z.array(checklistMaterialSchema),
  /** materials of the guide the answers made unnecessary, with the answer that did */
  removedMaterials: z.array(z.object({ name: z.string(), ...tagged })),
  conditions: z.array(z.object({ text: z.string(), ...tagged })),
  removedConditions: z.array(z.object({ text: z.string(), ...tagged })),
  timeLimits: z.object({ legal: timeLimitViewSchema.optional(), promised: timeLimitViewSchema.optional() }),
  fees: z.object({
    charged: z.boolean(),
    items: z.array(z.object({ name: z.string(), standard: z.string(), basis: z.string().optional(), reducible: z.boolean(), ...tagged })),
    removed: z.array(z.object({ name: z.string(), ...tagged })),
  }),
  where: z.object({
    places: z.array(z.object({ name: z.string(), address: z.string(), hours: z.string().optional(), phone: z.string().optional() })),
    hours: z.string().optional(),
    phone: z.string().optional(),
    ...tagged,
  }),
  visits: z.object({ count: z.number().int(), reason: z.string().optional(), ...tagged }),
  online: z.object({ url: z.string().optional(), appointment: z.boolean().optional(), delivery: z.boolean().optional(), onlinePayment: z.boolean().optional(), cite: citeSchema }),
  /** the notes of the chosen options (what the answer means for the applicant) */
  notes: z.array(z.object({ text: z.string(), ...tagged })),
  cite: citeSchema,
});
export type ItemChecklist = z.infer<typeof itemChecklistSchema>;

export const sessionInfoSchema = z.object({
  resumeToken: z.string(),
  /** path of the web page that resumes the session */
  resumeUrl: z.string(),
  expiresAt: z.string(),
});

export const itemGuideResponseSchema = itemChecklistSchema.extend({ session: sessionInfoSchema });
export type ItemGuideResponse = z.infer<typeof itemGuideResponseSchema>;

// ---- life events (一件事一次办) ----

const answerMapSchema = z.union([
  /** always this option of the item's question */
  localIdSchema,
  /** the option follows a shared question's answer */
  z.object({ question: localIdSchema, options: z.record(z.string(), localIdSchema) }),
]);

export const lifeEventSchema = z.object({
  id: localIdSchema,
  name: z.string().trim().min(1).max(100),
  summary: z.string().trim().max(2000).optional(),
  /** questions asked once for the whole event */
  questions: z
    .array(
      z.object({
        id: localIdSchema,
        question: z.string().trim().min(1).max(500),
        help: z.string().trim().max(1000).optional(),
        multiple: z.boolean().optional(),
        options: z.array(z.object({ id: localIdSchema, label: z.string().trim().min(1).max(200) })).min(2),
      }),
    )
    .default([]),
  steps: z
    .array(
      z.object({
        itemId: entryIdSchema,
        title: z.string().trim().max(100).optional(),
        note: z.string().trim().max(1000).optional(),
        /** the step applies only when a shared question got one of these options */
        when: z.object({ question: localIdSchema, options: z.array(localIdSchema).min(1) }).optional(),
        /** item question id → fixed option or mapping from a shared question */
        answers: z.record(z.string(), answerMapSchema).default({}),
      }),
    )
    .min(1),
  /** material names that mean the same document in different items: canonical name → other names */
  sameMaterials: z.record(z.string(), z.array(z.string())).default({}),
});
export type LifeEvent = z.infer<typeof lifeEventSchema>;
export const lifeEventsFileSchema = z.array(lifeEventSchema);

export const lifeEventSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string().optional(),
  steps: z.array(z.object({ itemId: z.string(), itemName: z.string(), department: z.string().nullable(), title: z.string().optional(), conditional: z.boolean() })),
});

export const mergedMaterialSchema = z.object({
  key: z.string(),
  name: z.string(),
  required: z.boolean(),
  /** most originals any one item needs (an original is shown and returned) */
  originals: z.number().int(),
  /** copies summed over the items (each department keeps its own) */
  copies: z.number().int(),
  presentation: z.array(z.string()),
  blankForm: z.string().optional(),
  sample: z.string().optional(),
  neededBy: z.array(
    z.object({
      itemId: z.string(),
      itemName: z.string(),
      name: z.string(),
      originals: z.number().int(),
      copies: z.number().int(),
      required: z.boolean(),
      notes: z.array(z.string()),
      causes: z.array(causeSchema),
      cite: citeSchema,
    }),
  ),
});
export type MergedMaterial = z.infer<typeof mergedMaterialSchema>;

export const lifeEventGuideSchema = z.object({
  event: z.object({ id: z.string(), name: z.string(), summary: z.string().optional() }),
  complete: z.boolean(),
  answered: z.array(answeredSchema),
  remaining: z.array(questionViewSchema),
  /** the items to handle, in order, each with its own checklist */
  steps: z.array(z.object({ order: z.number().int(), itemId: z.string(), title: z.string(), note: z.string().optional(), checklist: itemChecklistSchema })),
  /** one line per document, with every item that needs it */
  materials: z.array(mergedMaterialSchema),
  citations: z.array(citeSchema),
});
export type LifeEventGuide = z.infer<typeof lifeEventGuideSchema>;
export const lifeEventGuideResponseSchema = lifeEventGuideSchema.extend({ session: sessionInfoSchema });

export const resumedSessionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), targetId: z.string(), answers: answersSchema, date: z.string().nullable(), versionChanged: z.boolean(), guide: itemGuideResponseSchema }),
  z.object({ kind: z.literal('life_event'), targetId: z.string(), answers: answersSchema, date: z.string().nullable(), versionChanged: z.boolean(), guide: lifeEventGuideResponseSchema }),
]);
export type ResumedSession = z.infer<typeof resumedSessionSchema>;
