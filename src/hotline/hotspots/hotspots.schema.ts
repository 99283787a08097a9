/** zod contract of GET /hotline/hotspots and /hotline/stats (web types, OpenAPI). */
import { z } from 'zod';

export const hotspotSchema = z.object({
  label: z.string(),
  divisionCode: z.string().nullable(),
  place: z.string(),
  category: z.string().nullable(),
  keywords: z.array(z.string()),
  count: z.number().int(),
  trend: z.array(z.object({ period: z.string(), count: z.number().int() })),
  orderIds: z.array(z.string()),
});

const departmentFigure = z.object({ departmentId: z.number().int(), departmentName: z.string() });

export const statsSchema = z.object({
  from: z.string(),
  to: z.string(),
  period: z.enum(['day', 'week']),
  total: z.number().int(),
  byCategoryOverTime: z.array(z.object({ period: z.string(), category: z.string(), count: z.number().int() })),
  slaByDepartment: z.array(departmentFigure.extend({ due: z.number().int(), onTime: z.number().int(), late: z.number().int(), openOverdue: z.number().int(), rate: z.number().nullable() })),
  satisfaction: z.object({
    count: z.number().int(),
    average: z.number().nullable(),
    distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
    byDepartment: z.array(departmentFigure.extend({ count: z.number().int(), average: z.number() })),
  }),
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  byChannel: z.array(z.object({ channel: z.string(), count: z.number().int() })),
});
