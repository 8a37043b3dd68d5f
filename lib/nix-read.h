/* SPDX-License-Identifier: MIT */
/*
 * The Nix that NixOS users write binfmt registrations in, read without
 * evaluating it: a file's tokens (Nix's own lexer rules: strings with
 * their escapes and ${...}, indented strings with their indentation
 * stripped, comments, paths, URIs), then its bindings.  The file is
 * taken as Nix takes a module: function headers ({ config, ... }:),
 * then `let BINDINGS in` and the attribute set it returns.  Each binding
 * whose value is an attribute set written out is followed into, so
 * `boot.binfmt.registrations.x.offset = 0;` and `boot = { binfmt = ...
 * }` give the same path; any other value is a leaf, kept as its tokens
 * and skipped as Nix would parse it (brackets, let ... in, with and
 * assert), never evaluated.
 */
#ifndef QBINFMT_NIX_READ_H
#define QBINFMT_NIX_READ_H

#include <stdbool.h>
#include <stddef.h>

enum nix_token_kind {
	NIX_END,
	NIX_ID,	    /* identifiers and keywords */
	NIX_INT,    /* value in .number */
	NIX_STRING, /* "..." and ''...'': value in .value */
	NIX_WORD,   /* paths, URIs, floats: not read */
	NIX_PUNCT,  /* operators and brackets: text in .text */
};

struct nix_token {
	enum nix_token_kind kind;
	int line;
	const char *text; /* in the source */
	size_t len;
	long long number;
	char *value; /* NIX_STRING, escapes applied, NUL-terminated */
	size_t value_len;
	bool interpolated; /* holds ${...}: no value known */
};

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

struct nix_problem {
	int line;
	char message[200];
};

struct nix_file {
	struct nix_token *tokens;
	size_t count;
	struct nix_binding *bindings;
	size_t binding_count;
	bool function; /* a function header came first: a module */
	bool body_set; /* the body is an attribute set */
	struct nix_problem *problems;
	size_t problem_count;
};

/* Read `text`.  0 with what was read (problems included, each a line of
 * its own; the bindings of the rest are still there), or -ENOMEM. */
int nix_read(const char *text, size_t len, struct nix_file *file);
void nix_file_free(struct nix_file *file);

#endif
