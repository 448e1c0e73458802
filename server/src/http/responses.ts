import { errorDto } from '@quancheng/contracts';

/** The error answers a route may give, for the OpenAPI document and response serialisation. */
export const errorResponses = {
  400: errorDto,
  401: errorDto,
  403: errorDto,
  404: errorDto,
  409: errorDto,
  429: errorDto,
} as const;
