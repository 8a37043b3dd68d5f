/* SPDX-License-Identifier: MIT */
/*
 * The tokens of Nix, by Nix's own lexer rules, for lib/nix-read.c: strings
 * with their escapes and ${...}, indented strings with their indentation
 * stripped, comments, paths, URIs, numbers, identifiers and operators.
 * A string's value is kept when it holds no ${...}; nothing is evaluated.
 */
#ifndef QBINFMT_NIX_LEX_H
#define QBINFMT_NIX_LEX_H

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

struct nix_problem {
	int line;
	char message[200];
};

/* What is wrong with one file, in the order found: the first 100. */
struct nix_problems {
	struct nix_problem *list;
	size_t count, capacity;
};

/* One more problem, on `line`. */
__attribute__((format(printf, 3, 4))) void nix_problem(struct nix_problems *problems, int line,
						       const char *fmt, ...);

/* The tokens of `text` into *tokens and *count, the last one NIX_END.  A
 * text Nix cannot read (an unterminated string or comment, a character no
 * token starts with) is a problem, and the tokens end there.  false when
 * out of memory; either way the caller frees each value, then *tokens. */
bool nix_lex(const char *text, size_t len, struct nix_token **tokens, size_t *count,
	     struct nix_problems *problems);

#endif
