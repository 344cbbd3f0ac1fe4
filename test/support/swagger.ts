import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { projectRoot } from '../../src/paths.js';

/** The definitions the bot uses from the official Swagger of Partner Center's customer service (scripts/extract-swagger-schemas.ts). */
const SCHEMA_FILE = path.join(projectRoot(), 'test', 'support', 'partnerCenterSchemas.json');

export const DEFINITION = {
  customer: 'Microsoft.Partner.Service.Customers.Contracts.V1.Customer',
  customers: 'Microsoft.Partner.Core.Collections.ResourceCollection[Microsoft.Partner.Service.Customers.Contracts.V1.Customer]',
  billingProfile: 'Microsoft.Partner.Service.Customers.Contracts.V1.CustomerBillingProfile',
  address: 'Microsoft.Partner.Service.Customers.Contracts.V1.Address',
} as const;

/**
 * Checks bodies against the Swagger's definitions, more strictly than the
 * Swagger says: an object may hold only the properties its definition
 * names (a misspelt field fails). Two quirks of the document are undone:
 * enumerations of strings declared `integer` (`relationshipToPartner`), and
 * formats Ajv does not know (`int32`, `date-time`) are not checked.
 */
export class SwaggerBodies {
  private readonly ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file = SCHEMA_FILE) {
    const document = JSON.parse(readFileSync(file, 'utf8')) as { definitions: Record<string, unknown> };
    this.ajv.addSchema({ $id: 'pc', definitions: tighten(document.definitions) });
  }

  /** The problems of a body against a definition, as readable lines (none: it fits). */
  problems(definition: string, body: unknown): string[] {
    let validate = this.compiled.get(definition);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `pc#/definitions/${encodeURIComponent(definition).replace(/%2C/g, ',')}` });
      this.compiled.set(definition, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${definition.split('.').pop()}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}

function tighten(node: unknown): any {
  if (Array.isArray(node)) return node.map(tighten);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, tighten(v)]));
  if (Array.isArray(out.enum) && out.enum.every((v) => typeof v === 'string') && out.type === 'integer') delete out.type;
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
