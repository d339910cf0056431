import { type DefinitionNode, Kind, parse, print, visit } from 'graphql';

const byName = <T extends { name: { value: string } }>(nodes: readonly T[] | undefined): T[] | undefined =>
  nodes && [...nodes].sort((a, b) => a.name.value.localeCompare(b.name.value));

const SCHEMA_FIRST: string[] = [Kind.SCHEMA_DEFINITION, Kind.SCHEMA_EXTENSION];
const nameOf = (node: DefinitionNode) => ('name' in node && node.name ? node.name.value : '');

/**
 * The SDL with its types, fields and enum values in alphabetical order (the schema definition and
 * its extensions first), so that the committed file changes only where the schema does, whatever
 * order the decorators were registered in.
 */
export function sortedSdl(sdl: string): string {
  const sorted = visit(parse(sdl), {
    Document: (node) => ({
      ...node,
      definitions: [...node.definitions].sort(
        (a, b) => Number(!SCHEMA_FIRST.includes(a.kind)) - Number(!SCHEMA_FIRST.includes(b.kind)) || nameOf(a).localeCompare(nameOf(b)),
      ),
    }),
    ObjectTypeDefinition: (node) => ({ ...node, fields: byName(node.fields) }),
    InterfaceTypeDefinition: (node) => ({ ...node, fields: byName(node.fields) }),
    InputObjectTypeDefinition: (node) => ({ ...node, fields: byName(node.fields) }),
    EnumTypeDefinition: (node) => ({ ...node, values: byName(node.values) }),
  });
  return `${print(sorted)}\n`;
}
