#!/usr/bin/env python3
"""The module graph as code (style.md 7.5), called by scripts/check-layout.sh.

The graph is the "uses" column of the tables in docs/architecture.md: one row per module (and per
program under tools/), listing the modules it may include directly. This script checks that

  1. the graph is well formed: every src/<m>/ has a row, every name in "uses" is a row above it
     (rows go lowest first, so there is no cycle);
  2. every `#include "<x>/..."` of a file in src/<m>/ or tools/<m>/ names m itself or one of m's
     uses; a file in tests/<m>/ may include m and anything m reaches through the graph;
  3. every crew_<x> that src/<m>/CMakeLists.txt (or tools/<m>/CMakeLists.txt) links is reachable
     from m through the graph (CMake may lean on a dependency's dependency: transitive is fine),
     and every module that m's files include is reachable through m's CMake link dependencies
     (otherwise m links only because something else happens to pull the library in);
  4. CREW_MODULES in the top CMakeLists.txt lists every module after the modules it uses (the
     `if(TARGET crew_x)` guards of some modules see only the libraries added before them).

CMake link dependencies are read from the text: every crew_<x> word of the file, and the items of
a `foreach(<var> ...)` when the file says crew_${<var>} (IN LISTS CREW_MODULES means every module).

Usage: scripts/check-modules.py [--print] [ROOT]   (ROOT defaults to this checkout)
Exit 0 when the tree follows the graph, 1 on a violation, 2 when the graph itself is malformed.
"""
import re
import sys
from pathlib import Path

DOC = "docs/architecture.md"
SOURCE_SUFFIXES = (".cpp", ".hpp", ".h", ".cpp.in", ".hpp.in")
INCLUDE = re.compile(r'^\s*#\s*include\s*(["<]([A-Za-z0-9_]+)/[^">]*[">])')
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class BadGraph(Exception):
    pass


def read_graph(root):
    """Rows of every table whose last header cell is `uses`: name -> (directory, uses, line)."""
    graph = {}
    in_table = False
    for number, line in enumerate((root / DOC).read_text().splitlines(), 1):
        if not line.lstrip().startswith("|"):
            in_table = False
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not in_table:
            in_table = cells[-1] == "uses"
            continue
        if all(set(cell) <= set("-: ") for cell in cells):
            continue  # the |---|---| row
        where = f"{DOC}:{number}"
        path = cells[0].strip("`")
        name = path.rsplit("/", 1)[-1]
        if not NAME.match(name):
            raise BadGraph(f"{where}: '{cells[0]}' is not a module name")
        if name in graph:
            raise BadGraph(f"{where}: module {name} has a second row (first at line {graph[name][2]})")
        uses = [] if cells[-1] in ("", "—", "-") else [u.strip().strip("`") for u in cells[-1].split(",")]
        for used in uses:
            if not NAME.match(used):
                raise BadGraph(f"{where}: the uses of {name} name '{used}', which is not a module name")
        directory = path if "/" in path else f"src/{name}"
        graph[name] = (directory, uses, number)
    if not graph:
        raise BadGraph(f"{DOC}: no table with a 'uses' column (the module graph)")
    for name, (directory, uses, number) in graph.items():
        for used in uses:
            if used not in graph:
                raise BadGraph(f"{DOC}:{number}: {name} uses {used}, which has no row")
            if graph[used][2] >= number:  # so the graph has no cycle
                raise BadGraph(f"{DOC}:{number}: {name} uses {used}, whose row is not above it: the rows "
                               f"go lowest first, each using only rows above it")
        if not (root / directory).is_dir():
            raise BadGraph(f"{DOC}:{number}: the row {name} names {directory}/, which does not exist")
    for directory in sorted((root / "src").iterdir()):
        if directory.is_dir() and directory.name not in graph:
            raise BadGraph(f"{DOC}: src/{directory.name}/ has no row in the module graph")
    return graph


def closure(edges, name):
    """Everything name reaches through edges (name itself excluded unless on a cycle)."""
    seen, todo = set(), list(edges.get(name, ()))
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(edges.get(current, ()))
    return seen


def source_files(directory):
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.name.endswith(SOURCE_SUFFIXES))


def crew_modules(root):
    text = strip_comments((root / "CMakeLists.txt").read_text())
    match = re.search(r"set\(\s*CREW_MODULES\s+([^)]*)\)", text)
    return match.group(1).split() if match else []


def strip_comments(text):
    return re.sub(r"(^|\s)#.*$", r"\1", text, flags=re.MULTILINE)


def cmake_deps(path, name, nodes, all_modules):
    """The crew_<x> libraries a module's CMakeLists.txt links (see the module comment)."""
    text = strip_comments(path.read_text())
    deps = {m for m in re.findall(r"\bcrew_([a-z0-9_]+)\b", text) if m in nodes}
    for var, items in re.findall(r"foreach\s*\(\s*(\w+)\s+([^)]*)\)", text):
        if "crew_${" + var + "}" not in text:
            continue
        words = items.split()
        if words[:2] == ["IN", "LISTS"]:
            listed = []
            for word in words[2:]:
                if word == "CREW_MODULES":
                    listed += all_modules
                elif word != "ITEMS":
                    listed += [word]
            words = listed
        deps |= {w for w in words if w in nodes}
    deps.discard(name)
    return deps


def main(argv):
    show = "--print" in argv
    args = [a for a in argv if a != "--print"]
    root = Path(args[0]).resolve() if args else Path(__file__).resolve().parent.parent
    try:
        graph = read_graph(root)
    except BadGraph as error:
        print(f"check-layout: {error}")
        return 2
    uses = {name: row[1] for name, row in graph.items()}
    if show:
        for name, (directory, used, _) in graph.items():
            print(f"{name:12} {', '.join(used) if used else '—'}")
        return 0
    errors = []

    # 2. includes: direct uses for src/ and tools/, the transitive closure for tests/.
    included = {name: set() for name in graph}
    scopes = [(name, root / directory, set(uses[name]), "uses") for name, (directory, _, _) in graph.items()]
    scopes += [(name, root / "tests" / name, closure(uses, name), "reaches") for name in graph]
    for name, directory, allowed, how in scopes:
        for file in source_files(directory):
            relative = file.relative_to(root)
            for number, line in enumerate(file.read_text(errors="replace").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match or match.group(2) not in graph or match.group(2) == name:
                    continue
                target = match.group(2)
                if how == "uses":
                    included[name].add(target)
                if target not in allowed:
                    who = name if how == "uses" else f"a test of {name}"
                    listed = ", ".join(sorted(allowed)) or "nothing"
                    errors.append(f"{relative}:{number}: {who} includes {match.group(1)}, but {target} "
                                  f"is not among the modules {name} {how} in {DOC} ({listed})")

    # 3. CMake link dependencies against the graph, and the includes against them.
    all_modules = crew_modules(root)
    links = {}
    for name, (directory, _, _) in graph.items():
        cmake = root / directory / "CMakeLists.txt"
        if cmake.is_file():
            links[name] = cmake_deps(cmake, name, graph, all_modules)
    for name, deps in links.items():
        cmake = f"{graph[name][0]}/CMakeLists.txt"
        reach = closure(uses, name)
        for dep in sorted(deps - reach):
            errors.append(f"{cmake}: crew_{name} links crew_{dep}, but {name} does not reach {dep} "
                          f"in {DOC}'s module graph")
        linked = closure(links, name)
        for target in sorted(included[name] - linked):
            errors.append(f"{cmake}: {graph[name][0]}/ includes {target}/ but crew_{target} is not among "
                          f"crew_{name}'s link dependencies, directly or through them")

    # 4. CREW_MODULES: every module of src/ but app, each after the modules it uses.
    position = {m: i for i, m in enumerate(all_modules)}
    for name, (directory, used, _) in graph.items():
        if not directory.startswith("src/") or name == "app":
            continue
        if name not in position:
            errors.append(f"CMakeLists.txt: CREW_MODULES does not list {name}")
            continue
        for dep in used:
            if position.get(dep, -1) > position[name]:
                errors.append(f"CMakeLists.txt: CREW_MODULES lists {name} before {dep}, which {name} uses")

    for error in errors:
        print(f"check-layout: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
