/* SPDX-License-Identifier: MIT */
/*
 * Guix's qemu platforms (a .scm file: an operating-system configuration,
 * what `qbinfmt export --format guix` writes, or Guix's own
 * gnu/services/virtualization.scm), as Guix's qemu-binfmt-service-type
 * registers them (qemu-platform->binfmt):
 *
 *   ":qemu-NAME:M::MAGIC:MASK:QEMU/bin/qemu-NAME:"
 *
 * every byte of the platform's magic and mask bytevectors as \xHH, no
 * offset, no flags, QEMU the store path of the configuration's qemu
 * package, which the file does not hold: TABLE_GUIX_QEMU stands for it.
 *
 * Which platforms: those of every (qemu-binfmt-configuration (platforms
 * LIST)) in the file, in order (one without platforms registers none); without one, the file's
 * %qemu-platforms (Guix's own module, what lookup-qemu-platforms chooses from); without that, every
 * top-level (define NAME (qemu-platform ...)).  LIST is read, never run: (list P ...), (cons* P ...
 * LIST), (append LIST ...), '(), (lookup-qemu-platforms "NAME" ...) over the file's
 * %qemu-platforms, and names the file defines.  A platform is (qemu-platform NAME FAMILY MAGIC
 * MASK) (or through a name bound to (@@ (gnu services virtualization)
 * qemu-platform)), NAME and FAMILY strings, MAGIC and MASK #u8(...) or
 * (bv "...") as Guix's module writes them.
 */
#include "table-internal.h"

#include "array.h"
#include "scheme-read.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NESTING 64 /* names defined through names */

struct reading {
	struct table *t;
	const char *source;
	const struct scheme_file *f;
	const struct scheme_datum **platforms;
	size_t count, capacity;
	bool failed;
};

__attribute__((format(printf, 3, 4))) static bool fail(struct reading *r, int line, const char *fmt,
						       ...)
{
	char message[256];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(message, sizeof(message), fmt, ap) < 0)
		snprintf(message, sizeof(message), "unprintable problem");
	va_end(ap);
	table_problem(r->t, r->source, line, "%s", message);
	r->failed = true;
	return false;
}

static void quote_datum(char *out, size_t size, const struct scheme_datum *d)
{
	quote_bytes(out, size, d->text, d->len > 40 ? 40 : d->len);
}

/* A list's head: (HEAD ...). */
static bool head_is(const struct scheme_datum *d, const char *name)
{
	return d->kind == SCHEME_LIST && d->item_count > 0 && scheme_is_symbol(&d->items[0], name);
}

/* The value of the last top-level (define NAME VALUE) of the file. */
static const struct scheme_datum *defined(const struct reading *r, const struct scheme_datum *name)
{
	const struct scheme_datum *value = NULL;

	for (size_t i = 0; i < r->f->count; i++) {
		const struct scheme_datum *form = &r->f->forms[i];
		if ((head_is(form, "define") || head_is(form, "define-public")) &&
		    form->item_count == 3 && form->items[1].kind == SCHEME_SYMBOL &&
		    form->items[1].len == name->len &&
		    !memcmp(form->items[1].text, name->text, name->len))
			value = &form->items[2];
	}
	return value;
}

/* A name followed to what the file defines it as. */
static const struct scheme_datum *resolve(struct reading *r, const struct scheme_datum *d)
{
	for (int hops = 0; d->kind == SCHEME_SYMBOL; hops++) {
		char quoted[48];
		const struct scheme_datum *value = defined(r, d);
		quote_datum(quoted, sizeof(quoted), d);
		if (!value)
			return fail(r, d->line, "%s is not defined in this file", quoted), NULL;
		if (hops == MAX_NESTING)
			return fail(r, d->line,
				    "%s: names defined through names %d deep (a cycle?)", quoted,
				    MAX_NESTING),
			       NULL;
		d = value;
	}
	return d;
}

/* (@@ (gnu services virtualization) qemu-platform): the constructor Guix
 * does not export. */
static bool is_private_constructor(const struct scheme_datum *d)
{
	return head_is(d, "@@") && d->item_count == 3 &&
	       scheme_is_symbol(&d->items[2], "qemu-platform");
}

static bool is_platform(struct reading *r, const struct scheme_datum *d)
{
	if (d->kind != SCHEME_LIST || d->item_count == 0)
		return false;
	const struct scheme_datum *head = &d->items[0];
	if (scheme_is_symbol(head, "qemu-platform") || is_private_constructor(head))
		return true;
	if (head->kind != SCHEME_SYMBOL)
		return false;
	const struct scheme_datum *value = defined(r, head);
	return value && is_private_constructor(value);
}

static bool add_platform(struct reading *r, const struct scheme_datum *d)
{
	if (!array_grow((void **)&r->platforms, &r->capacity, r->count, sizeof(*r->platforms),
			TABLE_MAX_ENTRIES))
		return fail(r, d->line, "too many platforms (or out of memory)");
	r->platforms[r->count++] = d;
	return true;
}

static bool platforms_of(struct reading *r, const struct scheme_datum *d, int depth);

static bool one_platform(struct reading *r, const struct scheme_datum *d)
{
	char quoted[48];
	const struct scheme_datum *value = resolve(r, d);

	if (!value)
		return false;
	if (is_platform(r, value))
		return add_platform(r, value);
	quote_datum(quoted, sizeof(quoted), d);
	return fail(r, d->line, "expected a qemu-platform, not %s", quoted);
}

/* (lookup-qemu-platforms "NAME" ...): %qemu-platforms' platforms of those
 * names, in its order (Guix's filter); a name none has is a problem, which
 * Guix drops without a word. */
static bool lookup(struct reading *r, const struct scheme_datum *d, int depth)
{
	const struct scheme_datum all = {.kind = SCHEME_SYMBOL,
					 .line = d->line,
					 .text = "%qemu-platforms",
					 .len = strlen("%qemu-platforms")};
	size_t first = r->count;

	if (!defined(r, &all))
		return fail(
		    r, d->line,
		    "lookup-qemu-platforms chooses from Guix's %%qemu-platforms, which this file does not define: write the platforms out (qbinfmt export --format guix)");
	if (!platforms_of(r, &all, depth + 1))
		return false;
	size_t kept = first;
	for (size_t i = first; i < r->count; i++) {
		const struct scheme_datum *name = &r->platforms[i]->items[1];
		bool wanted = false;
		if (r->platforms[i]->item_count < 2)
			continue;
		for (size_t j = 1; j < d->item_count; j++)
			wanted |= name->kind == SCHEME_STRING &&
				  d->items[j].kind == SCHEME_STRING &&
				  name->count == d->items[j].count &&
				  !memcmp(name->bytes, d->items[j].bytes, name->count);
		if (wanted)
			r->platforms[kept++] = r->platforms[i];
	}
	for (size_t j = 1; j < d->item_count; j++) {
		bool found = false;
		char quoted[48];
		for (size_t i = first; i < kept; i++)
			found |= d->items[j].kind == SCHEME_STRING &&
				 r->platforms[i]->items[1].count == d->items[j].count &&
				 !memcmp(r->platforms[i]->items[1].bytes, d->items[j].bytes,
					 d->items[j].count);
		quote_datum(quoted, sizeof(quoted), &d->items[j]);
		if (!found)
			fail(
			    r, d->items[j].line,
			    "lookup-qemu-platforms: no platform %s in %%qemu-platforms (Guix registers nothing for it)",
			    quoted);
	}
	r->count = kept;
	return true;
}

/* A list of platforms. */
static bool platforms_of(struct reading *r, const struct scheme_datum *d, int depth)
{
	char quoted[48];
	const struct scheme_datum *value = resolve(r, d);
	bool ok = true;

	if (!value)
		return false;
	if (depth > MAX_NESTING)
		return fail(r, d->line, "lists of platforms nested %d deep", MAX_NESTING);
	if (head_is(value, "quote") && value->item_count == 2 &&
	    value->items[1].kind == SCHEME_LIST && value->items[1].item_count == 0)
		return true;
	if (head_is(value, "list")) {
		for (size_t i = 1; i < value->item_count; i++)
			ok &= one_platform(r, &value->items[i]);
		return ok;
	}
	if ((head_is(value, "cons*") || head_is(value, "cons")) && value->item_count >= 3) {
		for (size_t i = 1; i + 1 < value->item_count; i++)
			ok &= one_platform(r, &value->items[i]);
		return platforms_of(r, &value->items[value->item_count - 1], depth + 1) && ok;
	}
	if (head_is(value, "append")) {
		for (size_t i = 1; i < value->item_count; i++)
			ok &= platforms_of(r, &value->items[i], depth + 1);
		return ok;
	}
	if (head_is(value, "lookup-qemu-platforms"))
		return lookup(r, value, depth);
	quote_datum(quoted, sizeof(quoted), value);
	return fail(
	    r, value->line,
	    "platforms: expected (list ...), (cons* ...), (append ...), '() or (lookup-qemu-platforms ...), not %s",
	    quoted);
}

/* A bytevector: #u8(...) or (bv "...").  false after a problem. */
static bool bytes_of(struct reading *r, const struct scheme_datum *d, const char *what,
		     const unsigned char **bytes, size_t *count)
{
	char quoted[48];
	const struct scheme_datum *value = resolve(r, d);

	if (!value)
		return false;
	if (value->kind == SCHEME_BYTEVECTOR) {
		*bytes = value->bytes;
		*count = value->count;
		return true;
	}
	if (head_is(value, "bv") && value->item_count == 2 &&
	    value->items[1].kind == SCHEME_STRING) {
		if (value->items[1].wide)
			return fail(
			    r, value->line,
			    "%s: (bv \"...\") holds a character above \\xff, which is no byte",
			    what);
		*bytes = value->items[1].bytes;
		*count = value->items[1].count;
		return true;
	}
	quote_datum(quoted, sizeof(quoted), d);
	return fail(r, d->line, "%s: expected a bytevector, #u8(...) or (bv \"...\"), not %s", what,
		    quoted);
}

static size_t put_hex(char *out, const unsigned char *bytes, size_t count)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < count; i++) {
		out[4 * i] = '\\';
		out[4 * i + 1] = 'x';
		out[4 * i + 2] = digits[bytes[i] >> 4];
		out[4 * i + 3] = digits[bytes[i] & 15];
	}
	return 4 * count;
}

/* qemu-platform->binfmt's string, then the kernel's reading of it. */
static void add_entry(struct reading *r, const struct scheme_datum *p)
{
	const unsigned char *magic, *mask;
	size_t magic_len, mask_len;
	char quoted[48];

	if (p->item_count != 5) {
		quote_datum(quoted, sizeof(quoted), p);
		fail(r, p->line, "qemu-platform takes name, family, magic and mask: %s", quoted);
		return;
	}
	const struct scheme_datum *name = &p->items[1], *family = &p->items[2];
	if (name->kind != SCHEME_STRING || name->wide || memchr(name->bytes, '\0', name->count) ||
	    family->kind != SCHEME_STRING) {
		quote_datum(quoted, sizeof(quoted), name->kind != SCHEME_STRING ? name : family);
		fail(r, p->line, "qemu-platform: name and family must be strings, not %s", quoted);
		return;
	}
	if (!bytes_of(r, &p->items[3], "magic", &magic, &magic_len) ||
	    !bytes_of(r, &p->items[4], "mask", &mask, &mask_len))
		return;
	if (magic_len > BINFMT_HEADER_SIZE || mask_len > BINFMT_HEADER_SIZE) {
		fail(r, p->line, "magic or mask longer than the %d bytes the kernel reads",
		     BINFMT_HEADER_SIZE);
		return;
	}
	char line[BINFMT_REGISTER_MAX * 3];
	int n = snprintf(line, sizeof(line), ":qemu-%.*s:M::", (int)name->count,
			 (const char *)name->bytes);
	if (n < 0 || (size_t)n + 8 * BINFMT_HEADER_SIZE + 2 >= sizeof(line)) {
		fail(r, p->line, "qemu-platform: name too long");
		return;
	}
	size_t len = (size_t)n + put_hex(line + n, magic, magic_len);
	line[len++] = ':';
	len += put_hex(line + len, mask, mask_len);
	n = snprintf(line + len, sizeof(line) - len,
		     ":" TABLE_GUIX_QEMU "/bin/qemu-%.*s:", (int)name->count,
		     (const char *)name->bytes);
	if (n < 0 || (size_t)n >= sizeof(line) - len) {
		fail(r, p->line, "qemu-platform: name too long");
		return;
	}
	len += (size_t)n;
	struct binfmt_entry e;
	struct entry_error error;
	if (entry_parse(line, len, &e, &error, NULL) < 0)
		table_problem_parse(r->t, r->source, p->line, line, len, &error);
	else
		table_add(r->t, &e, r->source, p->line);
}

/* Every (qemu-binfmt-configuration ...) in `d`, at any depth. */
static bool configurations(struct reading *r, const struct scheme_datum *d)
{
	bool found = false;

	if (d->kind != SCHEME_LIST)
		return false;
	if (head_is(d, "qemu-binfmt-configuration")) {
		/* One without platforms registers nothing: Guix's own module
		 * has one, the service's default value. */
		for (size_t i = 1; i < d->item_count; i++) {
			if (head_is(&d->items[i], "platforms") && d->items[i].item_count == 2) {
				platforms_of(r, &d->items[i].items[1], 0);
				found = true;
			}
		}
		return found;
	}
	for (size_t i = 0; i < d->item_count; i++)
		found |= configurations(r, &d->items[i]);
	return found;
}

void table_parse_guix(struct table *t, const char *source, const char *text, size_t len)
{
	struct scheme_file f;
	struct reading r = {t, source, &f, NULL, 0, 0, false};
	bool found = false;
	const struct scheme_datum all = {
	    .kind = SCHEME_SYMBOL, .text = "%qemu-platforms", .len = strlen("%qemu-platforms")};

	if (scheme_read(text, len, &f) < 0) {
		table_problem(t, source, 0, "out of memory");
		return;
	}
	if (f.failed)
		table_problem(t, source, f.problem_line, "%s", f.problem);
	for (size_t i = 0; i < f.count; i++)
		found |= configurations(&r, &f.forms[i]);
	if (!found && defined(&r, &all)) {
		platforms_of(&r, &all, 0);
		found = true;
	}
	for (size_t i = 0; !found && i < f.count; i++) {
		const struct scheme_datum *form = &f.forms[i];
		if (head_is(form, "define") && form->item_count == 3 &&
		    is_platform(&r, &form->items[2]))
			add_platform(&r, &form->items[2]);
	}
	if (!found && r.count == 0 && !f.failed)
		table_problem(
		    t, source, 0,
		    "no qemu-binfmt-configuration with platforms, %%qemu-platforms or qemu-platform in this file");
	for (size_t i = 0; i < r.count; i++)
		add_entry(&r, r.platforms[i]);
	free(r.platforms);
	scheme_file_free(&f);
}

int table_load_guix(struct table *t, const char *path)
{
	char *text;
	size_t len;
	int r = file_read_all(AT_FDCWD, path, &text, &len);

	if (r < 0)
		return r;
	table_parse_guix(t, path, text, len);
	free(text);
	return 0;
}
