// The directory: service principals a scenario declares, with their client secrets. Scenarios that declare none
// get the operator, Owner on every subscription, so an empty or generated estate is usable as before.
export interface SandboxPrincipal {
  /** Display name, e.g. `ade-operator`. */
  name: string;
  /** Application (client) id: the `appid` claim and the `client_id` of the sign-in. */
  appId: string;
  /** Object id of the service principal: the `oid` claim and the role assignments' principalId. */
  objectId: string;
  secret: string;
}

export const DEFAULT_OPERATOR: SandboxPrincipal = {
  name: 'ade-operator',
  appId: 'aaaaaaaa-0000-4000-8000-000000000001',
  objectId: 'bbbbbbbb-0000-4000-8000-000000000001',
  secret: 'sandbox',
};

export class Directory {
  private readonly byApp = new Map<string, SandboxPrincipal>();

  add(p: SandboxPrincipal): void {
    this.byApp.set(p.appId.toLowerCase(), p);
  }

  byAppId(appId: string): SandboxPrincipal | undefined {
    return this.byApp.get(appId.toLowerCase());
  }

  byName(name: string): SandboxPrincipal | undefined {
    return this.list().find((p) => p.name.toLowerCase() === name.toLowerCase());
  }

  byObjectId(oid: string): SandboxPrincipal | undefined {
    return this.list().find((p) => p.objectId.toLowerCase() === oid.toLowerCase());
  }

  list(): SandboxPrincipal[] {
    return [...this.byApp.values()];
  }
}
