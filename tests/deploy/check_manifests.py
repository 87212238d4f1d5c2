#!/usr/bin/python3
"""Checks deploy/: every YAML file parses, and every `insights` command it runs names subcommands and flags the
binary really has (each is looked up in `insights <subcommands> --help`)."""
import glob
import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def commands(node):
    """Yields the argument lists of containers (k8s args, compose command)."""
    if isinstance(node, dict):
        for key in ("args", "command"):
            value = node.get(key)
            if isinstance(value, list) and value and all(isinstance(v, (str, int)) for v in value):
                yield [str(v) for v in value]
        for value in node.values():
            yield from commands(value)
    elif isinstance(node, list):
        for value in node:
            yield from commands(value)


def check(binary, argv, where):
    problems = []
    words = list(argv)
    if words and os.path.basename(words[0]) == "insights":
        words = words[1:]
    path = []   # subcommand path
    i = 0
    while i < len(words):
        word = words[i]
        if word in ("--config", "-c", "--set"):
            i += 2
            continue
        if word.startswith("-"):
            break
        help_text = subprocess.run([binary, *path, "--help"], capture_output=True, text=True).stdout
        if f"  {word} " not in help_text and f"  {word}\n" not in help_text:
            break
        path.append(word)
        i += 1
    if not path:
        return [f"{where}: {' '.join(argv)}: no insights subcommand found"]
    help_text = subprocess.run([binary, *path, "--help"], capture_output=True, text=True).stdout
    for word in words[i:]:
        if word.startswith("--"):
            flag = word.split("=", 1)[0]
            if flag not in help_text:
                problems.append(f"{where}: `insights {' '.join(path)}` has no flag {flag}")
    return problems


def main():
    binary = sys.argv[1]
    problems = []
    files = sorted(glob.glob(os.path.join(ROOT, "deploy", "**", "*.yaml"), recursive=True))
    if not files:
        problems.append("no YAML files under deploy/")
    checked = 0
    for path in files:
        try:
            documents = [d for d in yaml.safe_load_all(open(path)) if d is not None]
        except yaml.YAMLError as error:
            problems.append(f"{path}: does not parse: {error}")
            continue
        for document in documents:
            for argv in commands(document):
                problems.extend(check(binary, argv, os.path.relpath(path, ROOT)))
                checked += 1
    for problem in problems:
        print(problem)
    print(f"{checked} commands in {len(files)} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
