/* SPDX-License-Identifier: MIT */
#include "export-format.h"

#include "launcher-name.h"
#include "target-entry.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool export_format_parse(const char *text, enum export_format *f)
{
	if (!strcmp(text, "binfmt.d"))
		*f = EXPORT_BINFMT_D;
	else if (!strcmp(text, "debian"))
		*f = EXPORT_DEBIAN;
	else if (!strcmp(text, "register"))
		*f = EXPORT_REGISTER;
	else if (!strcmp(text, "nix"))
		*f = EXPORT_NIX;
	else if (!strcmp(text, "guix"))
		*f = EXPORT_GUIX;
	else
		return false;
	return true;
}

void export_file_name(enum export_format f, const struct binfmt_entry *e, char *buf, size_t size)
{
	static const char *const suffixes[] = {".conf", "", ".register", ".nix", ".scm"};
	snprintf(buf, size, "%s%s", e->name, suffixes[f]);
}

static size_t put_hex(char *out, const unsigned char *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		out[k++] = '\\';
		out[k++] = 'x';
		out[k++] = digits[bytes[i] >> 4];
		out[k++] = digits[bytes[i] & 15];
	}
	out[k] = '\0';
	return k;
}

/* update-binfmts(8) FORMAT FILES: "key value" lines. */
static int render_debian(const struct binfmt_entry *e, char *buf, size_t size, char *why,
			 size_t why_size)
{
	char magic[4 * BINFMT_HEADER_SIZE + 1], mask[4 * BINFMT_HEADER_SIZE + 1];
	bool open_only =
	    (e->flags & ENTRY_FLAG_OPEN_BINARY) && !(e->flags & ENTRY_FLAG_CREDENTIALS);
	int n;

	if (open_only) {
		snprintf(why, why_size,
			 "binfmt-support has no O flag of its own (only C, which implies it)");
		return -1;
	}
	if (e->type == ENTRY_EXTENSION) {
		n = snprintf(buf, size, "package qbinfmt\ninterpreter %s\nextension %s\n",
			     e->interpreter, e->extension);
	} else {
		put_hex(magic, e->magic, e->size);
		put_hex(mask, e->mask, e->has_mask ? e->size : 0);
		n = snprintf(buf, size,
			     "package qbinfmt\ninterpreter %s\nmagic %s\noffset %d\n%s%s%s",
			     e->interpreter, magic, e->offset, e->has_mask ? "mask " : "", mask,
			     e->has_mask ? "\n" : "");
	}
	if (n < 0 || (size_t)n >= size)
		return -1;
	int m = snprintf(buf + n, size - (size_t)n, "credentials %s\npreserve %s\nfix_binary %s\n",
			 e->flags & ENTRY_FLAG_CREDENTIALS ? "yes" : "no",
			 e->flags & ENTRY_FLAG_PRESERVE_ARGV0 ? "yes" : "no",
			 e->flags & ENTRY_FLAG_FIX_BINARY ? "yes" : "no");
	return m < 0 || (size_t)m >= size - (size_t)n ? -1 : 0;
}

/* Text appended to a buffer, remembering that it did not fit. */
struct text {
	char *buf;
	size_t size, len;
	bool overflow;
};

__attribute__((format(printf, 2, 3))) static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = t->overflow ? -1 : vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= t->size - t->len)
		t->overflow = true;
	else
		t->len += (size_t)n;
}

/* A Nix string literal holding `s` as it is: nothing in it is taken
 * for an escape or an interpolation (Nix's lexer: \ \" \$ escapes). */
static void put_nix_string(struct text *t, const char *s)
{
	put(t, "\"");
	for (; *s; s++) {
		if (*s == '\\' || *s == '"' || (*s == '$' && s[1] == '{'))
			put(t, "\\%c", *s);
		else if (*s == '\n')
			put(t, "\\n");
		else if (*s == '\t')
			put(t, "\\t");
		else if (*s == '\r')
			put(t, "\\r");
		else
			put(t, "%c", *s);
	}
	put(t, "\"");
}

/* Magic or mask as \xHH text in an indented string, as NixOS's own table
 * writes them: makeBinfmtLine puts the text in the line as it is, and the
 * kernel decodes the escapes. */
static void put_nix_hex(struct text *t, const unsigned char *bytes, size_t n)
{
	char hex[4 * BINFMT_HEADER_SIZE + 1];

	put_hex(hex, bytes, n);
	put(t, "''%s''", hex);
}

static const char *nix_bool(bool value)
{
	return value ? "true" : "false";
}

/* One attribute of boot.binfmt.registrations, NixOS's module
 * (nixos/modules/system/boot/binfmt.nix) making of it, in makeBinfmtLine,
 * ":NAME:TYPE:OFFSET:MAGIC:MASK:/run/binfmt/NAME:FLAGS". */
static int render_nix(const struct binfmt_entry *e, const char *comment, char *buf, size_t size,
		      char *why, size_t why_size)
{
	struct text t = {buf, size, 0, false};
	const char *slash = strrchr(e->interpreter, '/');
	char target[LAUNCHER_TARGET_MAX + 1];
	const char *cpu;

	if (launcher_name_parse(slash ? slash + 1 : e->interpreter, target, &cpu)) {
		snprintf(
		    why, why_size,
		    "NixOS runs the interpreter as /run/binfmt/NAME, a name the launcher takes no target from: export for NixOS with --wiring native");
		return -1;
	}
	if (strchr(e->name, ':') || (e->type == ENTRY_EXTENSION && strchr(e->extension, ':'))) {
		snprintf(
		    why, why_size,
		    "NixOS joins the fields with ':' as they are, and this entry's name or extension holds one");
		return -1;
	}
	put(&t, "  # %s\n  ", comment);
	put_nix_string(&t, e->name);
	put(&t, " = {\n    interpreter = ");
	put_nix_string(&t, e->interpreter);
	put(&t, ";\n    wrapInterpreterInShell = false;\n");
	if (e->type == ENTRY_EXTENSION) {
		put(&t, "    recognitionType = \"extension\";\n    magicOrExtension = ");
		put_nix_string(&t, e->extension);
		put(&t, ";\n");
	} else {
		put(&t,
		    "    recognitionType = \"magic\";\n    offset = %d;\n    magicOrExtension = ",
		    e->offset);
		put_nix_hex(&t, e->magic, e->size);
		put(&t, ";\n    mask = ");
		if (e->has_mask)
			put_nix_hex(&t, e->mask, e->size);
		else
			put(&t, "null");
		put(&t, ";\n");
	}
	put(&t,
	    "    preserveArgvZero = %s;\n    openBinary = %s;\n    matchCredentials = %s;\n    fixBinary = %s;\n  };\n",
	    nix_bool(e->flags & ENTRY_FLAG_PRESERVE_ARGV0),
	    nix_bool(e->flags & ENTRY_FLAG_OPEN_BINARY),
	    nix_bool(e->flags & ENTRY_FLAG_CREDENTIALS),
	    nix_bool(e->flags & ENTRY_FLAG_FIX_BINARY));
	return t.overflow ? -1 : 0;
}

static void put_scheme_bytes(struct text *t, const unsigned char *bytes, size_t n)
{
	put(t, "#u8(");
	for (size_t i = 0; i < n; i++)
		put(t, "%s#x%02x", i ? " " : "", bytes[i]);
	put(t, ")");
}

/* One platform of Guix's qemu-binfmt-configuration (gnu/services/
 * virtualization.scm): a qemu-platform record, name and family strings,
 * magic and mask bytevectors.  Its service registers
 * ":qemu-NAME:M::MAGIC:MASK:QEMU/bin/qemu-NAME:": Guix's own qemu, no
 * offset, no flags. */
static int render_guix(const struct binfmt_entry *e, const char *comment, char *buf, size_t size,
		       char *why, size_t why_size)
{
	struct text t = {buf, size, 0, false};
	size_t prefix = strlen(TARGET_ENTRY_PREFIX);
	const struct target *target =
	    strncmp(e->name, TARGET_ENTRY_PREFIX, prefix) ? NULL : target_lookup(e->name + prefix);
	char flags[5];

	if (!target || strcmp(target->name, e->name + prefix)) {
		snprintf(
		    why, why_size,
		    "Guix's service runs qemu-NAME for a platform NAME, and this entry names no qemu target");
		return -1;
	}
	if (e->type != ENTRY_MAGIC || e->offset != 0) {
		snprintf(
		    why, why_size,
		    "Guix's qemu platforms are magic entries at offset 0, and this entry is not one");
		return -1;
	}
	entry_flags_string(e->flags, flags);
	put(&t, "     ;; %s\n     ;; Guix: its own qemu-%s, no flags (qbinfmt's: %s)\n", comment,
	    target->name, flags[0] ? flags : "none");
	put(&t, "     (qemu-platform \"%s\" \"%s\"\n                    ", target->name,
	    target->family);
	put_scheme_bytes(&t, e->magic, e->size);
	put(&t, "\n                    ");
	if (e->has_mask)
		put_scheme_bytes(&t, e->mask, e->size);
	else
		put(&t, "#u8()");
	put(&t, ")\n");
	return t.overflow ? -1 : 0;
}

static const char nix_prologue[] =
    "# Registrations for NixOS's boot.binfmt.registrations, from `qbinfmt export\n"
    "# --format nix`: the entries `qbinfmt install` would register, with the\n"
    "# magic and mask qbinfmt derives and verifies.  In configuration.nix:\n"
    "#   boot.binfmt.registrations = import ./THIS-FILE.nix;\n"
    "# NixOS writes each to /etc/binfmt.d/nixos.conf as\n"
    "# :NAME:M:OFFSET:MAGIC:MASK:/run/binfmt/NAME:FLAGS, /run/binfmt/NAME being a\n"
    "# link to `interpreter` (no shell wrapper), which must exist on that machine.\n"
    "# Where the interpreters come from on NixOS, and Nix's build sandbox:\n"
    "# qbinfmt(8), NIXOS AND GUIX.\n"
    "{\n";

static const char guix_prologue[] =
    ";; A qemu-binfmt-configuration for Guix's qemu-binfmt-service-type, from\n"
    ";; `qbinfmt export --format guix`: the targets `qbinfmt install` would\n"
    ";; register, with the magic and mask qbinfmt derives and verifies.  In an\n"
    ";; operating-system's services:\n"
    ";;   (load \"/etc/THIS-FILE.scm\")\n"
    ";;   (service qemu-binfmt-service-type %qbinfmt-qemu-binfmt-configuration)\n"
    ";; Guix's service registers each platform as\n"
    ";; :qemu-NAME:M::MAGIC:MASK:QEMU/bin/qemu-NAME: with Guix's own qemu and no\n"
    ";; flags: it cannot say P (the program's own argv[0]), O, C or F, nor run\n"
    ";; qbinfmt's launcher.  For those, a service of your own that writes\n"
    ";; qbinfmt's register strings: qbinfmt(8), NIXOS AND GUIX.\n"
    "(use-modules (gnu services virtualization))\n"
    "\n"
    ";; (gnu services virtualization) does not export the record's constructor.\n"
    "(define qemu-platform (@@ (gnu services virtualization) qemu-platform))\n"
    "\n"
    "(define %qbinfmt-qemu-binfmt-configuration\n"
    "  (qemu-binfmt-configuration\n"
    "   (platforms\n"
    "    (list\n";

const char *export_prologue(enum export_format f)
{
	return f == EXPORT_NIX ? nix_prologue : f == EXPORT_GUIX ? guix_prologue : "";
}

const char *export_epilogue(enum export_format f)
{
	return f == EXPORT_NIX ? "}\n" : f == EXPORT_GUIX ? "     ))))\n" : "";
}

int export_render(enum export_format f, const struct binfmt_entry *e, const char *comment,
		  char *buf, size_t size, char *why, size_t why_size)
{
	char line[BINFMT_REGISTER_MAX + 1];

	why[0] = '\0';
	if (f == EXPORT_DEBIAN)
		return render_debian(e, buf, size, why, why_size);
	if (f == EXPORT_NIX)
		return render_nix(e, comment, buf, size, why, why_size);
	if (f == EXPORT_GUIX)
		return render_guix(e, comment, buf, size, why, why_size);
	if (entry_format(e, line, sizeof(line)) < 0) {
		snprintf(why, why_size, "no register string can hold this entry");
		return -1;
	}
	int n = f == EXPORT_BINFMT_D ? snprintf(buf, size, "# %s\n%s\n", comment, line)
				     : snprintf(buf, size, "%s\n", line);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
