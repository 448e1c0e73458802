import { z } from 'zod';
import { ROLES } from './roles';
import { PERMISSIONS } from './permissions';

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'v.date')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'v.date');

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,32}$/, 'v.username');

export const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'v.phone');

export const roleSchema = z.enum(ROLES);
export const permissionSchema = z.enum(PERMISSIONS);
export const idParam = z.object({ id: z.uuid() });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

// ---------- units ----------
export const unitAbilities = z.object({ update: z.boolean() });
export const unitDto = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  parentId: z.string().nullable(),
  active: z.boolean(),
  peopleCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: unitAbilities,
});
export type UnitDto = z.infer<typeof unitDto>;

export const unitCreateInput = z.strictObject({
  name: trimmed(2, 64),
  code: trimmed(1, 32).nullable().optional(),
  parentId: z.uuid().nullable().optional(),
});
export type UnitCreateInput = z.infer<typeof unitCreateInput>;

export const unitUpdateInput = unitCreateInput.partial().extend({ active: z.boolean().optional() }).strict();
export type UnitUpdateInput = z.infer<typeof unitUpdateInput>;

export const unitList = z.object({ items: z.array(unitDto), abilities: z.object({ create: z.boolean() }) });
export type UnitList = z.infer<typeof unitList>;

// ---------- users (the bureau's people) ----------
export const userAbilities = z.object({
  update: z.boolean(),
  disable: z.boolean(),
  resetPassword: z.boolean(),
  unlock: z.boolean(),
});

export const userDto = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  certNo: z.string().nullable(),
  certValidFrom: z.string().nullable(),
  certValidTo: z.string().nullable(),
  /** Holds a valid enforcement certificate today (Asia/Shanghai) — A3.1. */
  certifiedToday: z.boolean(),
  phone: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: userAbilities,
});
export type UserDto = z.infer<typeof userDto>;

const certFields = {
  certNo: trimmed(1, 32).nullable().optional(),
  certValidFrom: isoDate.nullable().optional(),
  certValidTo: isoDate.nullable().optional(),
  phone: phone.nullable().optional(),
};

export const userCreateInput = z.strictObject({
  username,
  name: trimmed(2, 32),
  password: z.string().min(1).max(128),
  unitId: z.uuid(),
  roles: z.array(roleSchema).min(1),
  ...certFields,
});
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userUpdateInput = z.strictObject({
  name: trimmed(2, 32).optional(),
  unitId: z.uuid().optional(),
  roles: z.array(roleSchema).min(1).optional(),
  active: z.boolean().optional(),
  ...certFields,
});
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

export const resetPasswordInput = z.strictObject({ password: z.string().min(1).max(128) });
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  unitId: z.uuid().optional(),
  role: roleSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(['name', 'username', 'createdAt', 'certValidTo']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const userList = z.object({
  items: z.array(userDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  abilities: z.object({ create: z.boolean() }),
});
export type UserList = z.infer<typeof userList>;

// ---------- auth ----------
export const loginInput = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginInput = z.infer<typeof loginInput>;

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const meDto = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    roles: z.array(roleSchema),
    certNo: z.string().nullable(),
    certValidTo: z.string().nullable(),
    certifiedToday: z.boolean(),
  }),
  permissions: z.array(permissionSchema),
  mustChangePassword: z.boolean(),
  sessionExpiresAt: z.string(),
  idleTimeoutMinutes: z.number().int(),
});
export type MeDto = z.infer<typeof meDto>;

// ---------- system ----------
export const healthDto = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['sqlite', 'postgresql']),
  storage: z.object({ kind: z.literal('local'), ok: z.boolean() }),
  version: z.string(),
});
export type HealthDto = z.infer<typeof healthDto>;

export const errorDto = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  retryAt: z.string().optional(),
  /** What a refused procedure step still lacks, each in both languages (cases). */
  missing: z
    .array(
      z.object({
        code: z.string(),
        ruleId: z.string().optional(),
        message: z.object({ 'zh-CN': z.string(), en: z.string() }),
      }),
    )
    .optional(),
});
export type ErrorDto = z.infer<typeof errorDto>;
