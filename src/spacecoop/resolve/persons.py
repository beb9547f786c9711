"""People across spellings and forms: "Jean-Yves Le Gall" / "Le Gall" / "Mr Le Gall", "Jan Wörner" /
"Johann-Dietrich Woerner", "Yuri" / "Yury", "Yamakawa Hiroshi" / "Hiroshi Yamakawa". Two people who
share a surname are kept apart by the organisations they appear with."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from spacecoop.models import Entity
from spacecoop.resolve.names import (
    PersonName,
    given_name_key,
    parse_person,
    same_person_name,
    short_hash,
    slug,
)
from spacecoop.resolve.unionfind import UnionFind


@dataclass(frozen=True)
class PersonMention:
    fact_id: str
    surface: str
    orgs: frozenset[str]  # entity ids of the organisations the person appears with in that fact


def cluster_people(
    mentions: list[PersonMention],
) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    """One Entity per person, and the entity id of each (fact id, surface) mention."""
    parsed = {m.surface: parse_person(m.surface) for m in mentions}
    full_orgs: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if parsed[m.surface].is_full:
            full_orgs[m.surface] |= m.orgs
    full_forms = sorted(full_orgs)
    union = UnionFind()
    for form in full_forms:
        union.add(form)
    # Stage 1: names that are the same name (spelling and transliteration aside) always join.
    exact_keys = {form: _exact_key(parsed[form]) for form in full_forms}
    by_key: dict[frozenset[str], list[str]] = defaultdict(list)
    for form in full_forms:
        by_key[exact_keys[form]].append(form)
    for forms in by_key.values():
        for other in forms[1:]:
            union.join(forms[0], other)
    # Stage 2: a looser form (an initial, a dropped second given name, a short form) joins the one
    # group it fits; when it fits several, it stays apart rather than chain two people together.
    exact_groups = {form: union.find(form) for form in full_forms}
    group_orgs: dict[str, set[str]] = defaultdict(set)
    for form in full_forms:
        group_orgs[exact_groups[form]] |= full_orgs[form]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for form in full_forms:
        by_surname[parsed[form].surname].append(form)
    fits: dict[str, set[str]] = {}
    for form in full_forms:
        name = parsed[form]
        fits[form] = {
            exact_groups[other]
            for other in by_surname[name.surname]
            if exact_groups[other] != exact_groups[form]
            and same_person_name(name, parsed[other])
            and _orgs_agree(full_orgs[form], group_orgs[exact_groups[other]])
        }
    ambiguous = {exact_groups[form] for form in full_forms if len(fits[form]) > 1}
    for form in full_forms:
        # "J. Smith" fits John and Jane: it joins neither, and neither joins it.
        if len(fits[form]) == 1 and exact_groups[form] not in ambiguous:
            target = next(iter(fits[form]))
            if target not in ambiguous:
                union.join(form, target)
    groups: dict[str, list[str]] = defaultdict(list)
    for form in full_forms:
        groups[union.find(form)].append(form)
    final_orgs = {root: set().union(*(full_orgs[f] for f in forms)) for root, forms in groups.items()}
    surname_groups: dict[str, list[str]] = defaultdict(list)
    for root, forms in groups.items():
        for surname in {parsed[f].surname for f in forms}:
            surname_groups[surname].append(root)
    # Stage 3: a surname alone ("Le Gall", "Mr Le Gall") goes to the one person of that surname
    # who appears with the same organisations.
    assigned: dict[tuple[str, str], str] = {}
    leftovers = UnionFind()
    for m in sorted(mentions, key=lambda m: (m.fact_id, m.surface)):
        name = parsed[m.surface]
        if name.is_full:
            assigned[(m.fact_id, m.surface)] = union.find(m.surface)
            continue
        root = _surname_owner(name, m.orgs, surname_groups.get(name.surname, []), final_orgs)
        if root is not None:
            assigned[(m.fact_id, m.surface)] = root
        else:
            leftovers.add((name.surname, m.orgs, m.fact_id, m.surface))
    _join_leftovers(leftovers)
    return _entities(groups, assigned, leftovers, mentions)


def _exact_key(name: PersonName) -> frozenset[str]:
    # Order-free, so "Yamakawa Hiroshi" and "Hiroshi Yamakawa" share it; hyphen parts are words.
    words = [given_name_key(g) for g in name.given] + name.surname.split()
    return frozenset(words) | {f"#{len(words)}"}


def _orgs_agree(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    return not a or not b or bool(a & b)


def _surname_owner(
    name: PersonName, orgs: frozenset[str], roots: list[str], group_orgs: dict[str, set[str]]
) -> str | None:
    if not roots:
        return None
    overlapping = [r for r in roots if orgs & group_orgs[r]]
    if len(overlapping) == 1:
        return overlapping[0]
    if not overlapping and len(roots) == 1 and (not orgs or not group_orgs[roots[0]]):
        return roots[0]
    return None


def _join_leftovers(leftovers: UnionFind) -> None:
    by_surname: dict[str, list[tuple]] = defaultdict(list)
    for group in leftovers.groups():
        for item in group:
            by_surname[item[0]].append(item)
    for items in by_surname.values():
        items.sort(key=lambda i: (sorted(i[1]), i[2], i[3]))
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if _orgs_agree(a[1], b[1]) and (a[1] and b[1] or not a[1] and not b[1]):
                    leftovers.join(a, b)


def _entities(
    groups: dict[str, list[str]],
    assigned: dict[tuple[str, str], str],
    leftovers: UnionFind,
    mentions: list[PersonMention],
) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    counts = Counter((m.fact_id, m.surface) for m in mentions)
    members: list[tuple[list[str], Counter[str], list[tuple[str, str]]]] = []
    by_root: dict[str, tuple[Counter[str], list[tuple[str, str]]]] = {
        root: (Counter(), []) for root in groups
    }
    for key, root in assigned.items():
        by_root[root][0][key[1]] += counts[key]
        by_root[root][1].append(key)
    for root, forms in groups.items():
        members.append((sorted(forms), *by_root[root]))
    for group in leftovers.groups():
        forms_seen: Counter[str] = Counter(item[3] for item in group)
        members.append((sorted(forms_seen), forms_seen, [(item[2], item[3]) for item in group]))
    entities: dict[str, Entity] = {}
    mention_ids: dict[tuple[str, str], str] = {}
    for forms, seen, keys in sorted(members, key=lambda m: (m[0], sorted(m[2]))):
        all_forms = Counter({f: seen.get(f, 0) for f in forms}) + seen
        name = max(all_forms, key=lambda f: (_fullness(f), all_forms[f], f))
        entity_id = f"person:{slug(name)}"
        if entity_id in entities:
            entity_id = f"{entity_id}-{short_hash(*forms, *sorted(k[0] for k in keys))[:6]}"
        aliases = tuple(sorted({f for f in (*forms, *seen) if f != name}))
        entities[entity_id] = Entity(id=entity_id, name=name, type="person", aliases=aliases)
        for key in keys:
            mention_ids[key] = entity_id
    return list(entities.values()), mention_ids


def _fullness(form: str) -> int:
    # The name with the most words ("Jean-Yves Le Gall" over "Mr Le Gall") names the entity.
    name = parse_person(form)
    return len(name.given) + len(name.surname.split())
