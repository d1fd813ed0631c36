#!/usr/bin/env python3
"""Kubernetes OpenAPI v2 (swagger.json) -> standalone-strict JSON schemas, one per kind.

The same transformation as yannh/kubernetes-json-schema's `*-standalone-strict` folders
(openapi2jsonschema --expanded --kubernetes --stand-alone --strict): every $ref inlined,
`additionalProperties: false` on every object with declared properties, `int-or-string` as
oneOf string/integer, apiVersion/kind pinned by enum from x-kubernetes-group-version-kind,
optional fields nullable. Standard library only.

usage: k8s-openapi2jsonschema.py SWAGGER_JSON OUT_DIR io.k8s.api.apps.v1.Deployment ...
File names follow yannh's layout: deployment-apps-v1.json, service-v1.json, ...
"""
import copy
import json
import os
import sys


def inline(node, definitions, seen=()):
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].split("/")[-1]
            if name in seen:
                raise SystemExit("recursive definition " + name)
            target = copy.deepcopy(definitions[name])
            rest = {k: v for k, v in node.items() if k != "$ref"}
            target.update(rest)
            return inline(target, definitions, seen + (name,))
        # allOf with a single $ref (newer specs wrap refs that carry a description/default)
        if "allOf" in node and len(node["allOf"]) == 1 and "$ref" in node["allOf"][0]:
            rest = {k: v for k, v in node.items() if k != "allOf"}
            merged = dict(node["allOf"][0])
            merged.update(rest)
            return inline(merged, definitions, seen)
        return {k: inline(v, definitions, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [inline(v, definitions, seen) for v in node]
    return node


def int_or_string(node):
    if isinstance(node, dict):
        if node.get("format") == "int-or-string":
            out = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
            if "description" in node:
                out["description"] = node["description"]
            return out
        return {k: int_or_string(v) for k, v in node.items()}
    if isinstance(node, list):
        return [int_or_string(v) for v in node]
    return node


def strict(node):
    if isinstance(node, dict):
        for v in list(node.values()):
            strict(v)
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
    elif isinstance(node, list):
        for v in node:
            strict(v)


def nullable(node, required=True):
    """Adds "null" to the type of every schema that is not a required property (nor the root)."""
    if isinstance(node, dict):
        if not required and isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        if not required and "oneOf" in node:
            for alt in node["oneOf"]:
                if isinstance(alt.get("type"), str):
                    alt["type"] = [alt["type"], "null"]
        req = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            nullable(prop, name in req)
        if isinstance(node.get("items"), dict):
            nullable(node["items"], False)
        if isinstance(node.get("additionalProperties"), dict):
            nullable(node["additionalProperties"], False)


def main(swagger, out_dir, names):
    with open(swagger) as f:
        definitions = json.load(f)["definitions"]
    os.makedirs(out_dir, exist_ok=True)
    for name in names:
        spec = inline(copy.deepcopy(definitions[name]), definitions)
        spec = int_or_string(spec)
        spec.setdefault("type", "object")
        for gvk in definitions[name].get("x-kubernetes-group-version-kind", []):
            api_version = (gvk["group"] + "/" + gvk["version"]) if gvk["group"] else gvk["version"]
            spec["properties"]["apiVersion"]["enum"] = [api_version]
            spec["properties"]["kind"]["enum"] = [gvk["kind"]]
        strict(spec)
        nullable(spec)
        spec["$schema"] = "http://json-schema.org/schema#"
        parts = name.split(".")
        kind, version, group = parts[-1].lower(), parts[-2].lower(), parts[-3].lower()
        file = f"{kind}-{version}.json" if group == "core" else f"{kind}-{group}-{version}.json"
        with open(os.path.join(out_dir, file), "w") as f:
            json.dump(spec, f, indent=2, sort_keys=False)
            f.write("\n")
        print(file)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
