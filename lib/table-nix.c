/* SPDX-License-Identifier: MIT */
/*
 * NixOS binfmt registrations (a .nix file), as NixOS's module
 * (nixos/modules/system/boot/binfmt.nix) registers them:
 *
 *   - boot.binfmt.registrations.NAME = { ... } in the attribute set the
 *     file returns (a NixOS module or configuration.nix);
 *   - a `magics` table bound in the file's `let`, as the module itself
 *     keeps the systems boot.binfmt.emulatedSystems takes, registered as
 *     emulatedSystems does (preserveArgvZero for the *-linux systems,
 *     whose emulator is qemu-ARCH);
 *   - else, for a file that is an attribute set alone (what `qbinfmt
 *     export --format nix` writes), the set itself.
 *
 * Each becomes makeBinfmtLine's string, with the option defaults:
 * ":NAME:TYPE:OFFSET:MAGIC:MASK:/run/binfmt/NAME:FLAGS", offset and mask
 * "" when null, the flags P (preserveArgvZero), O (openBinary without
 * matchCredentials), C (matchCredentials), F (fixBinary); entries in
 * attribute-name order, as lib.mapAttrsToList gives them to
 * /etc/binfmt.d/nixos.conf.  The values must be literals (strings,
 * integers, true, false, null), except interpreter and the sandbox path,
 * which the register string does not hold.
 */
#include "table-internal.h"

#include "nix-read.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUN_BINFMT "/run/binfmt/"

enum field {
	F_TYPE,
	F_OFFSET,
	F_MAGIC,
	F_MASK,
	F_INTERPRETER,
	F_PRESERVE,
	F_OPEN,
	F_CREDENTIALS,
	F_FIX,
	F_WRAP,
	F_SANDBOX,
	F_COUNT,
};

static const char *const field_names[F_COUNT] = {
    "recognitionType",
    "offset",
    "magicOrExtension",
    "mask",
    "interpreter",
    "preserveArgvZero",
    "openBinary",
    "matchCredentials",
    "fixBinary",
    "wrapInterpreterInShell",
    "interpreterSandboxPath",
};

struct registration {
	struct nix_name name;
	bool from_magics;
	bool bad; /* a problem was said about it already */
	int line;
	const struct nix_binding *field[F_COUNT];
};

struct reading {
	struct table *t;
	const char *source;
	const struct nix_file *f;
	struct registration *regs;
	size_t count;
};

static bool name_is(const struct nix_name *n, const char *text)
{
	return !n->dynamic && n->len == strlen(text) && !memcmp(n->text, text, n->len);
}

static void quote_value(char *out, size_t size, const struct nix_file *f,
			const struct nix_binding *b)
{
	const struct nix_token *first = &f->tokens[b->from], *last = &f->tokens[b->to - 1];
	size_t len = b->to > b->from ? (size_t)(last->text + last->len - first->text) : 0;

	quote_bytes(out, size, first->text, len > 40 ? 40 : len);
}

/* A name as it is when it is plain, escaped (without quotes) when not. */
static void quote_name(char *out, size_t size, const struct nix_name *n)
{
	quote_bytes(out, size, n->text, n->len > 64 ? 64 : n->len);
	size_t len = strlen(out);
	if (len >= 2 && out[0] == '"') {
		memmove(out, out + 1, len - 2);
		out[len - 2] = '\0';
	}
}

enum literal { LIT_STRING, LIT_INT, LIT_TRUE, LIT_FALSE, LIT_NULL, LIT_OTHER };

static enum literal literal_of(const struct nix_file *f, const struct nix_binding *b,
			       const struct nix_token **token, long long *number)
{
	const struct nix_token *t = &f->tokens[b->from];
	size_t n = b->to - b->from;

	*token = t;
	if (b->deeper || n == 0 || n > 2)
		return LIT_OTHER;
	if (n == 2)
		return t->kind == NIX_PUNCT && t->len == 1 && t->text[0] == '-' &&
			       t[1].kind == NIX_INT
			   ? (*number = -t[1].number, LIT_INT)
			   : LIT_OTHER;
	if (t->kind == NIX_STRING)
		return t->interpolated ? LIT_OTHER : LIT_STRING;
	if (t->kind == NIX_INT)
		return *number = t->number, LIT_INT;
	if (t->kind != NIX_ID)
		return LIT_OTHER;
	if (t->len == 4 && !memcmp(t->text, "true", 4))
		return LIT_TRUE;
	if (t->len == 5 && !memcmp(t->text, "false", 5))
		return LIT_FALSE;
	if (t->len == 4 && !memcmp(t->text, "null", 4))
		return LIT_NULL;
	return LIT_OTHER;
}

static void bad_value(struct reading *r, const struct registration *reg, enum field k,
		      const char *want)
{
	char name[72], value[48];
	const struct nix_binding *b = reg->field[k];
	const struct nix_token *t = &r->f->tokens[b->from];

	quote_name(name, sizeof(name), &reg->name);
	if (!b->deeper && b->to - b->from == 1 && t->kind == NIX_STRING && t->interpolated) {
		table_problem(r->t, r->source, b->line,
			      "%s.%s: a string with ${...}, whose value qbinfmt cannot know", name,
			      field_names[k]);
		return;
	}
	quote_value(value, sizeof(value), r->f, b);
	table_problem(r->t, r->source, b->line, "%s.%s: expected %s, not %s", name, field_names[k],
		      want, b->deeper ? "an attribute set" : value);
}

/* A flag: its literal, or `fallback` when not set; -1 after a problem. */
static int flag(struct reading *r, const struct registration *reg, enum field k, bool fallback)
{
	const struct nix_token *t;
	long long n;

	if (!reg->field[k])
		return fallback;
	switch (literal_of(r->f, reg->field[k], &t, &n)) {
	case LIT_TRUE:
		return 1;
	case LIT_FALSE:
		return 0;
	default:
		bad_value(r, reg, k, "true or false");
		return -1;
	}
}

/* A string field: its value (NULL with null allowed), or false after a
 * problem. */
static bool string_field(struct reading *r, const struct registration *reg, enum field k,
			 bool null_allowed, const struct nix_token **value)
{
	const struct nix_token *t;
	long long n;
	enum literal lit;

	*value = NULL;
	if (!reg->field[k])
		return true;
	lit = literal_of(r->f, reg->field[k], &t, &n);
	if (lit == LIT_NULL && null_allowed)
		return true;
	if (lit != LIT_STRING || memchr(t->value, '\0', t->value_len)) {
		bad_value(r, reg, k, null_allowed ? "a string or null" : "a string");
		return false;
	}
	*value = t;
	return true;
}

static int field_line(const struct registration *reg, enum entry_field field)
{
	enum field k = field == FIELD_OFFSET	  ? F_OFFSET
		       : field == FIELD_MAGIC	  ? F_MAGIC
		       : field == FIELD_EXTENSION ? F_MAGIC
		       : field == FIELD_MASK	  ? F_MASK
		       : field == FIELD_TYPE	  ? F_TYPE
						  : F_COUNT;
	return k < F_COUNT && reg->field[k] ? reg->field[k]->line : reg->line;
}

/* makeBinfmtLine's string, then the kernel's reading of it. */
static void add_registration(struct reading *r, const struct registration *reg)
{
	const struct nix_token *type, *magic, *mask, *t;
	char name[72], offset[24] = "", flags[5], line[BINFMT_REGISTER_MAX * 2];
	long long number;
	bool ok = true;

	quote_name(name, sizeof(name), &reg->name);
	if (memchr(reg->name.text, '\0', reg->name.len)) {
		table_problem(r->t, r->source, reg->line, "%s: a NUL byte in the name", name);
		return;
	}
	ok &= string_field(r, reg, F_TYPE, false, &type);
	if (type && strcmp(type->value, "magic") && strcmp(type->value, "extension")) {
		bad_value(r, reg, F_TYPE, "\"magic\" or \"extension\"");
		ok = false;
	}
	if (reg->field[F_OFFSET]) {
		enum literal lit = literal_of(r->f, reg->field[F_OFFSET], &t, &number);
		if (lit == LIT_INT)
			snprintf(offset, sizeof(offset), "%lld", number);
		else if (lit != LIT_NULL)
			bad_value(r, reg, F_OFFSET, "an integer or null"), ok = false;
	}
	ok &= string_field(r, reg, F_MAGIC, false, &magic);
	ok &= string_field(r, reg, F_MASK, true, &mask);
	int preserve = flag(r, reg, F_PRESERVE,
			    reg->from_magics && reg->name.len > 6 &&
				!memcmp(reg->name.text + reg->name.len - 6, "-linux", 6));
	int credentials = flag(r, reg, F_CREDENTIALS, false);
	int open = flag(r, reg, F_OPEN, credentials == 1);
	int fix = flag(r, reg, F_FIX, false);
	int wrap = flag(r, reg, F_WRAP, reg->from_magics ? preserve != 1 : true);
	if (!ok || preserve < 0 || credentials < 0 || open < 0 || fix < 0)
		return;
	if (reg->field[F_MAGIC] == NULL) {
		table_problem(r->t, r->source, reg->line, "%s: no magicOrExtension", name);
		return;
	}
	if (!reg->from_magics && !reg->field[F_INTERPRETER]) {
		table_problem(r->t, r->source, reg->line, "%s: no interpreter (NixOS requires one)",
			      name);
		return;
	}
	if (credentials && !open) {
		table_problem(
		    r->t, r->source, reg->field[F_OPEN]->line,
		    "%s: matchCredentials without openBinary: NixOS refuses it (C implies O)",
		    name);
		return;
	}
	if (fix && wrap == 1) {
		table_problem(
		    r->t, r->source, reg->field[F_FIX]->line,
		    "%s: fixBinary with wrapInterpreterInShell (true unless set false): NixOS refuses it, and F would hold the shell script open, not the interpreter",
		    name);
		return;
	}
	snprintf(flags, sizeof(flags), "%s%s%s%s", preserve ? "P" : "",
		 open && !credentials ? "O" : "", credentials ? "C" : "", fix ? "F" : "");
	int n = snprintf(
	    line, sizeof(line), ":%.*s:%c:%s:%s:%s:" RUN_BINFMT "%.*s:%s", (int)reg->name.len,
	    reg->name.text, type && !strcmp(type->value, "extension") ? 'E' : 'M', offset,
	    magic->value, mask ? mask->value : "", (int)reg->name.len, reg->name.text, flags);
	if (n < 0 || (size_t)n >= sizeof(line)) {
		table_problem(r->t, r->source, reg->line,
			      "%s: register string longer than the 1920 bytes the kernel accepts",
			      name);
		return;
	}
	struct binfmt_entry e;
	struct entry_error error;
	if (entry_parse(line, (size_t)n, &e, &error, NULL) < 0)
		table_problem_parse(r->t, r->source, field_line(reg, error.field), line, (size_t)n,
				    &error);
	else
		table_add(r->t, &e, r->source, reg->line);
}

static struct registration *registration(struct reading *r, const struct nix_name *name,
					 bool from_magics, int line)
{
	for (size_t i = 0; i < r->count; i++)
		if (r->regs[i].from_magics == from_magics && r->regs[i].name.len == name->len &&
		    !memcmp(r->regs[i].name.text, name->text, name->len))
			return &r->regs[i];
	struct registration *reg = &r->regs[r->count++];
	memset(reg, 0, sizeof(*reg));
	reg->name = *name;
	reg->from_magics = from_magics;
	reg->line = line;
	return reg;
}

static void path_text(char *out, size_t size, const struct nix_binding *b, size_t depth)
{
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < depth && at < size; i++) {
		int n = snprintf(out + at, size - at, "%s%.*s", i ? "." : "",
				 (int)(b->path[i].len > 40 ? 40 : b->path[i].len), b->path[i].text);
		if (n < 0)
			break;
		at += (size_t)n;
	}
}

/* One binding under a table: `level` components name the table, the
 * next the registration, the next its field. */
static void take(struct reading *r, const struct nix_binding *b, size_t level, bool from_magics)
{
	char where[160], value[48], name[72];

	path_text(where, sizeof(where), b, b->depth);
	for (size_t i = 0; i < b->depth && i <= level + 1; i++) {
		if (b->path[i].dynamic) {
			table_problem(r->t, r->source, b->line,
				      "%s: a name with ${...}, which qbinfmt cannot know", where);
			return;
		}
	}
	if (b->depth <= level + 1) {
		quote_value(value, sizeof(value), r->f, b);
		table_problem(
		    r->t, r->source, b->line,
		    "%s: not an attribute set written out (qbinfmt reads literal values, not Nix expressions): %s",
		    where, value);
		return;
	}
	const struct nix_name *field = &b->path[level + 1];
	struct registration *reg = registration(r, &b->path[level], from_magics, b->line);
	size_t k = 0;
	while (k < F_COUNT && !name_is(field, field_names[k]))
		k++;
	quote_name(name, sizeof(name), &reg->name);
	if (k == F_COUNT) {
		quote_name(value, sizeof(value), field);
		table_problem(
		    r->t, r->source, b->line,
		    "%s: unknown attribute %s (NixOS's registrations have no such option)", name,
		    value);
		reg->bad = true;
		return;
	}
	if (b->depth > level + 2 || b->deeper) {
		table_problem(r->t, r->source, b->line,
			      "%s.%s: an attribute set, where NixOS's option takes a value", name,
			      field_names[k]);
		reg->bad = true;
		return;
	}
	if (reg->field[k]) {
		table_problem(r->t, r->source, b->line, "attribute '%s' already defined on line %d",
			      where, reg->field[k]->line);
		reg->bad = true;
		return;
	}
	reg->field[k] = b;
	if (b->line < reg->line)
		reg->line = b->line;
}

static int compare_names(const void *a, const void *b)
{
	const struct nix_name *x = &((const struct registration *)a)->name;
	const struct nix_name *y = &((const struct registration *)b)->name;
	int c = memcmp(x->text, y->text, x->len < y->len ? x->len : y->len);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

void table_parse_nix(struct table *t, const char *source, const char *text, size_t len)
{
	struct nix_file f;
	struct reading r = {t, source, &f, NULL, 0};
	bool boot = false, magics = false, found = false;

	if (nix_read(text, len, &f) < 0) {
		table_problem(t, source, 0, "out of memory");
		return;
	}
	for (size_t i = 0; i < f.problems.count; i++)
		table_problem(t, source, f.problems.list[i].line, "%s", f.problems.list[i].message);
	r.regs = calloc(f.binding_count + 1, sizeof(*r.regs));
	if (!r.regs) {
		table_problem(t, source, 0, "out of memory");
		nix_file_free(&f);
		return;
	}
	for (size_t i = 0; i < f.binding_count; i++) {
		const struct nix_binding *b = &f.bindings[i];
		boot |= b->scope == NIX_BODY && name_is(&b->path[0], "boot");
		magics |= b->scope == NIX_LET && name_is(&b->path[0], "magics");
	}
	bool bare = f.body_set && !f.function && !boot && !magics;
	for (size_t i = 0; i < f.binding_count; i++) {
		const struct nix_binding *b = &f.bindings[i];
		bool body = b->scope == NIX_BODY;
		if (body && b->depth >= 3 && name_is(&b->path[0], "boot") &&
		    name_is(&b->path[1], "binfmt") && name_is(&b->path[2], "registrations")) {
			take(&r, b, 3, false);
			found = true;
		} else if (body && b->depth == 3 && name_is(&b->path[0], "boot") &&
			   name_is(&b->path[1], "binfmt") &&
			   name_is(&b->path[2], "emulatedSystems")) {
			table_problem(
			    t, source, b->line,
			    "boot.binfmt.emulatedSystems takes its registrations from NixOS's own table, which is not in this file: lint that table, or write boot.binfmt.registrations out");
			found = true;
		} else if (!body && name_is(&b->path[0], "magics")) {
			take(&r, b, 1, true);
			found = true;
		} else if (body && bare) {
			take(&r, b, 0, false);
			found = true;
		}
	}
	if (!found && !bare && f.problems.count == 0)
		table_problem(t, source, 0,
			      "no boot.binfmt.registrations, nor a magics table, in this file");
	qsort(r.regs, r.count, sizeof(*r.regs), compare_names);
	for (size_t i = 0; i < r.count; i++)
		if (!r.regs[i].bad)
			add_registration(&r, &r.regs[i]);
	free(r.regs);
	nix_file_free(&f);
}

int table_load_nix(struct table *t, const char *path)
{
	char *text;
	size_t len;
	int r = file_read_all(AT_FDCWD, path, &text, &len);

	if (r < 0)
		return r;
	table_parse_nix(t, path, text, len);
	free(text);
	return 0;
}
