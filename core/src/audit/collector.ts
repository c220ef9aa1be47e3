/** Nominal reads and writes made while serving one request; written to the audit trail when it ends. */
export class AuditCollector {
  private readonly reads = new Map<string, { ownerAgency?: string; fields: Set<string>; operations: Set<string> }>();

  nominalRead(recordId: string, field: string, operationId?: string, ownerAgency?: string): void {
    let entry = this.reads.get(recordId);
    if (!entry) {
      entry = { ownerAgency, fields: new Set(), operations: new Set() };
      this.reads.set(recordId, entry);
    }
    entry.fields.add(field);
    if (operationId) entry.operations.add(operationId);
  }

  get hasReads(): boolean {
    return this.reads.size > 0;
  }

  readRecords(): AuditRecord[] {
    return [...this.reads.entries()].map(([id, r]) => ({
      id,
      ...(r.ownerAgency ? { ownerAgency: r.ownerAgency } : {}),
      fields: [...r.fields].sort(),
      operations: [...r.operations].sort(),
    }));
  }
}

export interface AuditRecord {
  id: string;
  ownerAgency?: string;
  fields: string[];
  operations: string[];
}
