/* SPDX-License-Identifier: MIT */
/*
 * The Nix that NixOS users write binfmt registrations in, read without
 * evaluating it: its tokens (nix-lex.h), then its bindings.  The file is
 * taken as Nix takes a module: function headers ({ config, ... }:), then
 * `let BINDINGS in` and the attribute set it returns.  Each binding whose
 * value is an attribute set written out is followed into, so
 * `boot.binfmt.registrations.x.offset = 0;` and `boot = { binfmt = ...
 * }` give the same path; any other value is a leaf, kept as its tokens
 * and skipped as Nix would parse it (brackets, let ... in, with and
 * assert), never evaluated.
 */
#ifndef QBINFMT_NIX_READ_H
#define QBINFMT_NIX_READ_H

#include "nix-lex.h"

#include <stdbool.h>
#include <stddef.h>

/* The most components an attribute path keeps; deeper ones count as a
 * value that is not a literal. */
#define NIX_PATH_MAX 6

struct nix_name {
	const char *text; /* an identifier's text or a string's value */
	size_t len;
	bool dynamic; /* ${...} or a string with one */
};

enum nix_scope { NIX_LET, NIX_BODY };

struct nix_binding {
	enum nix_scope scope;
	struct nix_name path[NIX_PATH_MAX];
	size_t depth; /* components in path */
	bool deeper;  /* more than NIX_PATH_MAX */
	int line;
	size_t from, to; /* the value's tokens */
};

struct nix_file {
	struct nix_token *tokens;
	size_t count;
	struct nix_binding *bindings;
	size_t binding_count;
	bool function;		      /* a function header came first: a module */
	bool body_set;		      /* the body is an attribute set */
	struct nix_problems problems; /* the lexer's, then the bindings' */
};

/* Read `text`.  0 with what was read (problems included, each a line of
 * its own; the bindings of the rest are still there), or -ENOMEM. */
int nix_read(const char *text, size_t len, struct nix_file *file);
void nix_file_free(struct nix_file *file);

#endif
