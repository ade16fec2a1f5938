import type {
  Provenance,
  RelatedLocation,
  Resource,
  RuleReport,
  SourceLocation,
  TemplateModel,
  ValueNode,
} from '../model';

/**
 * Moves a report made inside a module (or nested deployment) to the caller's argument when the
 * offending value was passed in: that is where the user can fix it. The module's place stays as
 * related information. Reports about values the module hard-codes stay where they are, with the
 * module call added as context.
 */
export function mapReportLocation(
  report: RuleReport,
  model: TemplateModel,
): { location: SourceLocation; related: readonly RelatedLocation[] } {
  const related = report.related ?? [];
  const resource = report.resource;
  const viaModule = (resource?.via?.length ?? 0) > 0 || report.location.file !== model.file;
  if (!viaModule) return { location: report.location, related };

  const value = findValueAt(report.location, resource, model);
  const target = value ? callerArgument(value.origins ?? [], model.file) : undefined;
  const call = resource?.via?.[resource.via.length - 1];
  if (!target) {
    const callContext: RelatedLocation[] = (resource?.via ?? []).map((v) => ({
      message: `reached through module '${v.name}'`,
      location: v.location,
    }));
    return { location: report.location, related: [...related, ...callContext] };
  }
  const where = call ? `in module '${call.name}'` : 'in the module';
  // The rule's own provenance notes may point at the argument we now report at: drop those.
  const rest = related.filter((r) => !sameLocation(r.location, target.location));
  return {
    location: target.location,
    related: [{ message: `${where}: the value is used here`, location: report.location }, ...rest],
  };
}

/**
 * The module argument to report at: the one written in the entry file when the value went through
 * several module levels (the user is editing that file), else the outermost one known.
 */
function callerArgument(origins: readonly Provenance[], entryFile: string): Provenance | undefined {
  const args = origins.filter((o) => o.kind === 'moduleArgument');
  return args.find((o) => o.location.file === entryFile) ?? args[args.length - 1];
}

/**
 * The value node a report points at: the node whose range is the report's range, or the value of
 * the property whose key (or whole `key: value`) is the report's range. Iterative, because
 * templates can nest deeply enough to overflow a recursive walk.
 */
export function findValueAt(
  location: SourceLocation,
  resource: Resource | undefined,
  model: TemplateModel,
): ValueNode | undefined {
  const roots: ValueNode[] = [];
  if (resource && resource.file === location.file) roots.push(resource.body);
  else for (const r of model.resources) if (r.file === location.file) roots.push(r.body);
  const { start, end } = location.range;
  const stack = roots;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.range.start.offset === start.offset && node.range.end.offset === end.offset) return node;
    // Only descend into nodes that contain the range.
    if (node.range.start.offset > start.offset || node.range.end.offset < end.offset) continue;
    if (node.kind === 'object') {
      for (const p of node.properties) {
        const keyMatch = p.keyRange.start.offset === start.offset;
        if (keyMatch && (p.keyRange.end.offset === end.offset || p.value.range.end.offset === end.offset)) {
          return p.value;
        }
        stack.push(p.value);
      }
    } else if (node.kind === 'array') stack.push(...node.items);
  }
  return undefined;
}

function sameLocation(a: SourceLocation, b: SourceLocation): boolean {
  return (
    a.file === b.file && a.range.start.offset === b.range.start.offset && a.range.end.offset === b.range.end.offset
  );
}
