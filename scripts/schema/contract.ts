import { type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isNonNullType, isObjectType } from 'graphql';

/**
 * What `actual` removes or changes from the public contract: every type, field, argument and enum
 * value of the contract must exist with the same type; an argument or input field that is optional
 * in the contract stays optional, and no field gains a required argument. Additions are fine.
 */
export function contractProblems(contract: GraphQLSchema, actual: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const got = actual.getType(type.name);
    if (!got) {
      problems.push(`missing type ${type.name}`);
      continue;
    }
    if (got.constructor.name !== type.constructor.name) {
      problems.push(`${type.name}: is ${got.constructor.name}, contract says ${type.constructor.name}`);
      continue;
    }
    if (isEnumType(type) && isEnumType(got)) {
      const have = new Set(got.getValues().map((value) => value.name));
      for (const value of type.getValues()) if (!have.has(value.name)) problems.push(`enum ${type.name}: missing value ${value.name}`);
    }
    if (isInputObjectType(type) && isInputObjectType(got)) {
      const gotFields = got.getFields();
      for (const [name, field] of Object.entries(type.getFields())) {
        const found = gotFields[name];
        if (!found) problems.push(`${type.name}.${name}: missing`);
        // an input field may be looser (optional where the contract says required); never stricter
        else if (!sameOrLooser(String(found.type), field.type))
          problems.push(`${type.name}.${name}: type ${String(found.type)}, contract says ${String(field.type)}`);
      }
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(got) || isInterfaceType(got))) {
      const gotFields = got.getFields();
      for (const [name, field] of Object.entries(type.getFields())) {
        const found = gotFields[name];
        if (!found) {
          problems.push(`${type.name}.${name}: missing`);
          continue;
        }
        if (String(found.type) !== String(field.type))
          problems.push(`${type.name}.${name}: type ${String(found.type)}, contract says ${String(field.type)}`);
        for (const arg of field.args) {
          const foundArg = found.args.find((candidate) => candidate.name === arg.name);
          if (!foundArg) problems.push(`${type.name}.${name}(${arg.name}): missing argument`);
          else if (!sameOrLooser(String(foundArg.type), arg.type)) {
            problems.push(`${type.name}.${name}(${arg.name}): type ${String(foundArg.type)}, contract says ${String(arg.type)}`);
          }
        }
        for (const foundArg of found.args) {
          if (
            isNonNullType(foundArg.type) &&
            foundArg.defaultValue === undefined &&
            !field.args.some((arg) => arg.name === foundArg.name)
          ) {
            problems.push(`${type.name}.${name}(${foundArg.name}): a new required argument breaks contract clients`);
          }
        }
      }
    }
  }
  return problems;
}

/** The same type, or the contract's required type made optional. */
function sameOrLooser(actual: string, contract: Parameters<typeof isNonNullType>[0]): boolean {
  return actual === String(contract) || (isNonNullType(contract) && actual === String(contract.ofType));
}
