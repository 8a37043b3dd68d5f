/* SPDX-License-Identifier: MIT */
/*
 * Nix's tokens as Nix's lexer (src/libexpr/lexer.l) reads them.
 */
#include "nix-lex.h"

#include "array.h"
#include "quote.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS   (1 << 20)
#define MAX_PROBLEMS 100

struct lexer {
	const char *s;
	size_t len, at;
	int line;
	struct nix_token *tokens;
	size_t count, capacity;
	struct nix_problems *problems;
	bool oom;
};

void nix_problem(struct nix_problems *problems, int line, const char *fmt, ...)
{
	va_list ap;

	if (!array_grow((void **)&problems->list, &problems->capacity, problems->count,
			sizeof(*problems->list), MAX_PROBLEMS))
		return;
	struct nix_problem *p = &problems->list[problems->count++];
	p->line = line;
	va_start(ap, fmt);
	if (vsnprintf(p->message, sizeof(p->message), fmt, ap) < 0)
		snprintf(p->message, sizeof(p->message), "unprintable problem");
	va_end(ap);
}

/* A string's value as it is built: each character with whether it came
 * from the text itself or from an escape, which indentation stripping
 * tells apart (an escape never counts as indentation). */
struct value {
	char *text;
	bool *literal;
	size_t len, capacity;
};

static void value_add(struct lexer *lx, struct value *v, char c, bool literal)
{
	if (v->len + 2 > v->capacity) {
		size_t capacity = v->capacity ? v->capacity * 2 : 64;
		char *text = realloc(v->text, capacity);
		if (text)
			v->text = text;
		bool *lit = text ? realloc(v->literal, capacity) : NULL;
		if (lit)
			v->literal = lit;
		if (!text || !lit) {
			lx->oom = true;
			return;
		}
		v->capacity = capacity;
	}
	v->literal[v->len] = literal;
	v->text[v->len++] = c;
	v->text[v->len] = '\0';
}

static bool is_path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-' || c == '+';
}

static bool is_id_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_id_char(char c)
{
	return is_id_start(c) || (c >= '0' && c <= '9') || c == '\'' || c == '-';
}

static bool is_uri_char(char c)
{
	return (c && strchr("%/?:@&=+$,_.!~*'-", c)) || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char peek(const struct lexer *lx, size_t ahead)
{
	return lx->at + ahead < lx->len ? lx->s[lx->at + ahead] : '\0';
}

static bool at_end(const struct lexer *lx)
{
	return lx->at >= lx->len;
}

static bool skip_braces(struct lexer *lx);
static bool read_string(struct lexer *lx, struct value *v, bool *interpolated);
static bool read_indented(struct lexer *lx, struct value *v, bool *interpolated);

/* Whitespace and comments; false at an unterminated comment. */
static bool skip_blank(struct lexer *lx)
{
	while (!at_end(lx)) {
		char c = peek(lx, 0);
		if (c == '\n') {
			lx->line++;
			lx->at++;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			lx->at++;
		} else if (c == '#') {
			while (!at_end(lx) && peek(lx, 0) != '\n')
				lx->at++;
		} else if (c == '/' && peek(lx, 1) == '*') {
			int line = lx->line;
			lx->at += 2;
			while (!at_end(lx) && !(peek(lx, 0) == '*' && peek(lx, 1) == '/')) {
				lx->line += peek(lx, 0) == '\n';
				lx->at++;
			}
			if (at_end(lx)) {
				nix_problem(lx->problems, line,
					    "unterminated comment (/* without */)");
				return false;
			}
			lx->at += 2;
		} else {
			break;
		}
	}
	return true;
}

/* After "${": up to its "}", strings and comments inside included. */
static bool skip_braces(struct lexer *lx)
{
	int line = lx->line, depth = 1;
	bool interpolated;

	while (depth > 0) {
		if (!skip_blank(lx))
			return false;
		if (at_end(lx)) {
			nix_problem(lx->problems, line, "unterminated ${ (no closing })");
			return false;
		}
		char c = peek(lx, 0);
		if (c == '"' || (c == '\'' && peek(lx, 1) == '\'')) {
			struct value ignored = {0};
			lx->at += c == '"' ? 1 : 2;
			bool ok = c == '"' ? read_string(lx, &ignored, &interpolated)
					   : read_indented(lx, &ignored, &interpolated);
			free(ignored.text);
			free(ignored.literal);
			if (!ok)
				return false;
		} else if (is_id_start(c)) {
			while (is_id_char(peek(lx, 0)))
				lx->at++;
		} else {
			depth += c == '{';
			depth -= c == '}';
			lx->at++;
		}
	}
	return true;
}

/* The character `at` bytes on, after a backslash: \n \r \t, any other
 * character itself (a newline counted). */
static void read_escape(struct lexer *lx, struct value *v, size_t at)
{
	char c = peek(lx, at);

	lx->line += c == '\n';
	value_add(lx, v, c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c, false);
	lx->at += at + 1;
}

/* What both kinds of string read alike: "${" (skipped, and the string has
 * no value known), "$$" (so "$${" is text) and any other character. */
static bool read_text(struct lexer *lx, struct value *v, bool *interpolated)
{
	char c = peek(lx, 0);

	if (c == '$' && peek(lx, 1) == '{') {
		*interpolated = true;
		lx->at += 2;
		return skip_braces(lx);
	}
	if (c == '$' && peek(lx, 1) == '$') {
		value_add(lx, v, '$', true);
		value_add(lx, v, '$', true);
		lx->at += 2;
		return true;
	}
	lx->line += c == '\n';
	value_add(lx, v, c, true);
	lx->at++;
	return true;
}

/* After '"': up to the closing '"'.  Escapes: \n \r \t, any other
 * character after a backslash is itself; "$${" is text. */
static bool read_string(struct lexer *lx, struct value *v, bool *interpolated)
{
	int line = lx->line;

	*interpolated = false;
	for (;;) {
		if (at_end(lx)) {
			nix_problem(lx->problems, line,
				    "unterminated string (\" without its closing \")");
			return false;
		}
		char c = peek(lx, 0);
		if (c == '"') {
			lx->at++;
			return true;
		}
		if (c == '\\' && lx->at + 1 < lx->len) {
			read_escape(lx, v, 1);
		} else if (!read_text(lx, v, interpolated)) {
			return false;
		}
	}
}

/* Nix's stripIndentation(): the least indentation of the lines that hold
 * more than spaces taken off every line, and a last line of spaces only
 * dropped.  Escapes count as text, never as indentation. */
static void strip_indentation(struct value *v)
{
	size_t least = SIZE_MAX, indent = 0, out = 0, dropped = 0;
	bool at_start = true;

	for (size_t i = 0; i < v->len; i++) {
		char c = v->text[i];
		if (!v->literal[i] || (at_start && c != ' ' && c != '\n')) {
			if (at_start && indent < least)
				least = indent;
			at_start = false;
		} else if (at_start) {
			indent = c == ' ' ? indent + 1 : 0;
		} else if (c == '\n') {
			at_start = true;
			indent = 0;
		}
	}
	at_start = true;
	for (size_t i = 0; i < v->len; i++) {
		char c = v->text[i];
		bool keep = true;
		if (!v->literal[i]) {
			at_start = false;
			dropped = 0;
		} else if (at_start) {
			if (c == ' ')
				keep = dropped++ >= least;
			else if (c == '\n')
				dropped = 0;
			else
				at_start = false, dropped = 0;
		} else if (c == '\n') {
			at_start = true;
		}
		if (keep) {
			v->literal[out] = v->literal[i];
			v->text[out++] = c;
		}
	}
	/* The last line, when it is text of spaces only. */
	size_t end = out;
	while (end > 0 && v->literal[end - 1] && v->text[end - 1] == ' ')
		end--;
	if (end < out && end > 0 && v->literal[end - 1] && v->text[end - 1] == '\n')
		out = end;
	v->len = out;
	if (v->text)
		v->text[out] = '\0';
}

/* After "''": up to the closing "''".  Escapes: ''' is '', ''$ is $,
 * ''\X as \X in a "..." string. */
static bool read_indented(struct lexer *lx, struct value *v, bool *interpolated)
{
	int line = lx->line;
	size_t spaces = 0;

	*interpolated = false;
	/* The opening line, when it holds only spaces, is not part of it. */
	while (peek(lx, spaces) == ' ')
		spaces++;
	if (peek(lx, spaces) == '\n') {
		lx->at += spaces + 1;
		lx->line++;
	}
	for (;;) {
		if (at_end(lx)) {
			nix_problem(lx->problems, line,
				    "unterminated indented string ('' without its closing '')");
			return false;
		}
		char c = peek(lx, 0);
		if (c == '\'' && peek(lx, 1) == '\'') {
			char d = peek(lx, 2);
			if (d == '\'') {
				value_add(lx, v, '\'', false);
				value_add(lx, v, '\'', false);
				lx->at += 3;
			} else if (d == '$') {
				value_add(lx, v, '$', false);
				lx->at += 3;
			} else if (d == '\\' && lx->at + 3 < lx->len) {
				read_escape(lx, v, 3);
			} else {
				lx->at += 2;
				strip_indentation(v);
				return true;
			}
		} else if (!read_text(lx, v, interpolated)) {
			return false;
		}
	}
}

static struct nix_token *add_token(struct lexer *lx, enum nix_token_kind kind, size_t start)
{
	if (!array_grow((void **)&lx->tokens, &lx->capacity, lx->count, sizeof(*lx->tokens),
			MAX_TOKENS)) {
		lx->oom = true;
		return NULL;
	}
	struct nix_token *t = &lx->tokens[lx->count++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->line = lx->line;
	t->text = lx->s + start;
	t->len = lx->at - start;
	return t;
}

/* A path ("./x", "/nix/store/...", "a/b", "~/x"), with ${...} in it;
 * true when one starts here. */
static bool read_path(struct lexer *lx)
{
	size_t n = peek(lx, 0) == '~' ? 1 : 0;

	if (!n)
		while (is_path_char(peek(lx, n)))
			n++;
	if (peek(lx, n) != '/' || !(is_path_char(peek(lx, n + 1)) || peek(lx, n + 1) == '$'))
		return false;
	lx->at += n;
	while (peek(lx, 0) == '/' || is_path_char(peek(lx, 0)) ||
	       (peek(lx, 0) == '$' && peek(lx, 1) == '{')) {
		if (peek(lx, 0) == '$') {
			lx->at += 2;
			if (!skip_braces(lx))
				return true;
		} else {
			lx->at++;
		}
	}
	return true;
}

static bool read_token(struct lexer *lx)
{
	static const char *const pairs[] = {
	    "...", "${", "//", "++", "==", "!=", "<=", ">=", "&&", "||", "->", "|>", "<|", NULL};
	size_t start = lx->at;
	char c = peek(lx, 0);
	struct nix_token *t;

	if (c == '"' || (c == '\'' && peek(lx, 1) == '\'')) {
		struct value v = {0};
		bool interpolated, ok;
		int line = lx->line;
		lx->at += c == '"' ? 1 : 2;
		ok = c == '"' ? read_string(lx, &v, &interpolated)
			      : read_indented(lx, &v, &interpolated);
		free(v.literal);
		t = ok ? add_token(lx, NIX_STRING, start) : NULL;
		if (!t) {
			free(v.text);
			return false;
		}
		t->line = line;
		t->value = v.text ? v.text : strdup("");
		t->value_len = v.len;
		t->interpolated = interpolated;
		lx->oom |= !t->value;
		return true;
	}
	if (read_path(lx))
		return add_token(lx, NIX_WORD, start) != NULL;
	if (c == '<') {
		size_t n = 1;
		while (is_path_char(peek(lx, n)) || peek(lx, n) == '/')
			n++;
		if (n > 1 && peek(lx, n) == '>') {
			lx->at += n + 1;
			return add_token(lx, NIX_WORD, start) != NULL;
		}
	}
	if (c >= '0' && c <= '9') {
		long long number = 0;
		bool big = false;
		while (peek(lx, 0) >= '0' && peek(lx, 0) <= '9') {
			big |= number > (LLONG_MAX - 9) / 10;
			number = number * 10 + (peek(lx, 0) - '0');
			lx->at++;
		}
		if (peek(lx, 0) == '.' && peek(lx, 1) >= '0' && peek(lx, 1) <= '9') {
			lx->at++;
			while (is_path_char(peek(lx, 0)))
				lx->at++;
			return add_token(lx, NIX_WORD, start) != NULL;
		}
		t = add_token(lx, big ? NIX_WORD : NIX_INT, start);
		if (t)
			t->number = number;
		return t != NULL;
	}
	if (is_id_start(c)) {
		while (is_id_char(peek(lx, 0)))
			lx->at++;
		/* An URI: a scheme, ':' and no space (Nix's longest match). */
		if (peek(lx, 0) == ':' && is_uri_char(peek(lx, 1))) {
			while (is_uri_char(peek(lx, 0)))
				lx->at++;
			return add_token(lx, NIX_WORD, start) != NULL;
		}
		return add_token(lx, NIX_ID, start) != NULL;
	}
	for (size_t i = 0; pairs[i]; i++) {
		size_t n = strlen(pairs[i]);
		if (lx->at + n <= lx->len && !memcmp(lx->s + lx->at, pairs[i], n)) {
			lx->at += n;
			return add_token(lx, NIX_PUNCT, start) != NULL;
		}
	}
	if (c && strchr("{}[]();=.:,@?!+-*/<>", c)) {
		lx->at++;
		return add_token(lx, NIX_PUNCT, start) != NULL;
	}
	char quoted[16];
	quote_bytes(quoted, sizeof(quoted), lx->s + lx->at, 1);
	nix_problem(lx->problems, lx->line, "unexpected character %s", quoted);
	return false;
}

bool nix_lex(const char *text, size_t len, struct nix_token **tokens, size_t *count,
	     struct nix_problems *problems)
{
	struct lexer lx = {.s = text, .len = len, .line = 1, .problems = problems};

	while (!lx.oom && skip_blank(&lx) && !at_end(&lx) && read_token(&lx))
		;
	lx.at = lx.len;
	add_token(&lx, NIX_END, lx.len);
	*tokens = lx.tokens;
	*count = lx.count;
	return !lx.oom;
}
