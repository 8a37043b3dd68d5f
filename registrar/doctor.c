/* SPDX-License-Identifier: MIT */
#include "host-elf.h"
#include "doctor.h"
#include "doctor-loader.h"
#include "launcher-name.h"

#include "elf-fields.h"
#include "elf-linking.h"
#include "emulators.h"
#include "files.h"
#include "qemu-find.h"
#include "targets.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char *doctor_verdict_name(enum doctor_verdict verdict)
{
	switch (verdict) {
	case DOCTOR_RUNS:
		return "runs";
	case DOCTOR_NATIVE:
		return "native";
	case DOCTOR_FAILS:
		return "fails";
	case DOCTOR_UNREADABLE:
		return "unreadable";
	}
	return "?";
}

__attribute__((format(printf, 4, 5))) static struct doctor_step *
step(struct doctor_report *r, const char *name, bool ok, const char *fmt, ...);

static struct doctor_step *step(struct doctor_report *r, const char *name, bool ok, const char *fmt,
				...)
{
	struct doctor_step *s =
	    &r->steps[r->step_count < DOCTOR_MAX_STEPS - 1 ? r->step_count++
							   : DOCTOR_MAX_STEPS - 1];
	va_list ap;

	s->name = name;
	s->ok = ok;
	va_start(ap, fmt);
	vsnprintf(s->detail, sizeof(s->detail), fmt, ap);
	va_end(ap);
	return s;
}

__attribute__((format(printf, 3, 4))) static void fails(struct doctor_report *r, const char *error,
							const char *fmt, ...);

/* The first failing step decides what execve() says. */
static void fails(struct doctor_report *r, const char *error, const char *fmt, ...)
{
	va_list ap;

	if (r->verdict == DOCTOR_FAILS)
		return;
	r->verdict = DOCTOR_FAILS;
	r->error = error;
	va_start(ap, fmt);
	vsnprintf(r->summary, sizeof(r->summary), fmt, ap);
	va_end(ap);
}

/* The header fields a file has, as the ELF step describes them. */
struct file_facts {
	unsigned char head[BINFMT_HEADER_SIZE];
	size_t len;
	bool elf;
	const struct target *target; /* NULL: no qemu target */
	bool host;		     /* of the host's own family */
};

static void describe_file(const struct file_facts *f, char *out, size_t size)
{
	if (!f->elf) {
		snprintf(
		    out, size, "%s",
		    f->len >= 2 && f->head[0] == '#' && f->head[1] == '!'
			? "a script (#!): the kernel's script handler runs it unless an entry matches first"
			: "not an ELF file");
		return;
	}
	bool msb = f->head[EI_DATA] == ELFDATA2MSB;
	unsigned type = msb ? (unsigned)f->head[16] << 8 | f->head[17]
			    : (unsigned)f->head[17] << 8 | f->head[16];
	int n = snprintf(out, size, "ELF, %s, %s-bit %s, %s, OSABI %u, ABI version %u",
			 f->target ? f->target->name : "of no qemu target",
			 f->head[EI_CLASS] == ELFCLASS64 ? "64" : "32",
			 msb ? "big-endian" : "little-endian",
			 type == ET_EXEC  ? "ET_EXEC"
			 : type == ET_DYN ? "ET_DYN (PIE or static-pie)"
					  : "not an executable type",
			 f->head[EI_OSABI], f->head[EI_ABIVERSION]);
	size_t header = f->head[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (f->len < header && n > 0 && (size_t)n < size)
		snprintf(
		    out + n, size - (size_t)n,
		    "; only %zu bytes, short of its %zu-byte ELF header: entries see the rest as zeros, as the kernel reads it",
		    f->len, header);
}

/* No entry matches: the nearest magic entry and the byte that rejects the
 * file, or the disabled one that would match. */
static void no_match(const struct doctor_input *in, const struct file_facts *f,
		     struct doctor_report *r)
{
	const struct table_entry *nearest = NULL, *disabled = NULL;
	size_t best = SIZE_MAX, best_at = 0;

	for (size_t i = in->live->count; i-- > 0;) {
		const struct table_entry *te = &in->live->items[i];
		struct binfmt_entry enabled = te->entry;
		size_t first = 0;
		if (enabled.type != ENTRY_MAGIC)
			continue;
		enabled.enabled = true;
		size_t n = entry_rejected_bytes(&enabled, f->head, f->len, &first);
		if (n == 0 && !te->entry.enabled && !disabled)
			disabled = te;
		/* Ties go to the entry meant for the file's own target. */
		if (n > 0 && (n < best || (n == best && f->target && te->target == f->target))) {
			best = n;
			best_at = first;
			nearest = te;
		}
	}
	if (disabled) {
		step(r, "entry", false,
		     "%s matches but is disabled (qbinfmt enable, or echo 1 > %s/%s)",
		     disabled->entry.name, in->binfmt_dir, disabled->entry.name);
		fails(r, "Exec format error", "no enabled entry matches: %s would, but is disabled",
		      disabled->entry.name);
		return;
	}
	if (!nearest) {
		step(r, "entry", false, "no entry looks at the file's bytes (%zu entries)",
		     in->live->count);
		fails(r, "Exec format error", "no entry matches it%s",
		      f->target ? "" : ", and it is of no qemu target");
		return;
	}
	unsigned char want;
	unsigned char mask = entry_byte_rule(&nearest->entry, best_at, &want);
	unsigned char have = best_at < f->len ? f->head[best_at] : 0;
	const char *field = elf_field_name(best_at, f->elf ? f->head[EI_CLASS] : ELFCLASS32);
	step(
	    r, "entry", false,
	    "none matches; the nearest, %s, rejects %zu byte%s, first byte %zu (%s): it must be 0x%02x under mask 0x%02x, the file has 0x%02x",
	    nearest->entry.name, best, best == 1 ? "" : "s", best_at, field, want, mask, have);
	fails(r, "Exec format error", "no entry matches it: the nearest, %s, rejects byte %zu (%s)",
	      nearest->entry.name, best_at, field);
}

/* The target of a launcher link the entry names, or NULL; *cpu the model
 * its name carries (NULL: qemu's own). */
static const struct target *launcher_target(const char *interpreter, const char **cpu)
{
	char name[LAUNCHER_TARGET_MAX + 1];

	*cpu = NULL;
	return launcher_name_parse(interpreter, name, cpu) ? target_lookup(name) : NULL;
}

static void check_interpreter(const struct doctor_input *in, struct doctor_report *r)
{
	const struct binfmt_entry *e = &r->pick->entry;
	bool fixed = e->flags & ENTRY_FLAG_FIX_BINARY;
	const char *cpu;
	const struct target *via_launcher = launcher_target(e->interpreter, &cpu);

	if (fixed)
		step(
		    r, "interpreter", true,
		    "%s, opened by the kernel at registration (F): that file runs, even where this path does not exist",
		    e->interpreter);
	else if (access(e->interpreter, X_OK) == 0)
		step(r, "interpreter", true, "%s, run by its path, which is there", e->interpreter);
	else {
		step(
		    r, "interpreter", false,
		    "%s does not exist or cannot be run here: the kernel runs it by its path (without F) from the caller's root",
		    e->interpreter);
		fails(r, "No such file or directory",
		      "%s's interpreter %s is not here (register with --fix-binary)", e->name,
		      e->interpreter);
		return;
	}
	/* The emulator that then runs: the launcher's qemu, or qemu itself. */
	char qemu[PATH_MAX] = "";
	if (via_launcher) {
		struct qemu_found found;
		qemu_find(in->qemu_dirs, via_launcher->name, &found);
		snprintf(qemu, sizeof(qemu), "%s",
			 found.static_path[0] ? found.static_path : found.dynamic_path);
		if (!qemu[0]) {
			step(r, "qemu", false,
			     "the launcher finds no qemu-%s or qemu-%s-static in %s",
			     via_launcher->name, via_launcher->name, in->qemu_dirs);
			fails(r, "(the launcher exits 127)", "the launcher finds no qemu-%s in %s",
			      via_launcher->name, in->qemu_dirs);
			return;
		}
	} else {
		snprintf(qemu, sizeof(qemu), "%s", e->interpreter);
	}
	enum elf_linking linking = elf_linking_of_path(qemu);
	char model[LAUNCHER_CPU_MAX + 64] = "";
	if (cpu)
		snprintf(model, sizeof(model), "; the launcher gives it -cpu %s", cpu);
	if (linking == ELF_LINKING_STATIC)
		step(r, "qemu", true,
		     "%s is static: it runs inside foreign roots and containers too%s", qemu,
		     model);
	else
		step(
		    r, "qemu", true,
		    "%s is %s: it needs this machine's files, so it works here but not inside a foreign root or container%s",
		    qemu,
		    linking == ELF_LINKING_DYNAMIC ? "dynamically linked" : "no static program",
		    model);
}

/* A file this user may run but not read: the kernel reads its header all
 * the same (binfmt_misc's check_file() sees bprm->buf), and with O it
 * opens the file and hands the descriptor over (load_misc_binary()): qemu
 * registered itself takes it (AT_EXECFD).  Otherwise qemu opens the file
 * by its path, and the launcher can only hand qemu a /proc/self/fd path,
 * which is opened anew: both need read permission. */
static void execute_only(const struct doctor_input *in, struct doctor_report *r)
{
	char with_o[512] = "";
	size_t used = 0;

	r->verdict = DOCTOR_UNREADABLE;
	snprintf(
	    r->summary, sizeof(r->summary),
	    "cannot be read, only run (%s): the kernel still reads its header to pick an entry, but only qemu registered itself with O (open-binary) gets the file open from the kernel; without O, or through the launcher, qemu cannot open it",
	    strerror(EACCES));
	step(r, "file", false, "execute-only for this user: which entry matches cannot be seen");
	for (size_t i = 0; in->mount_present && i < in->live->count; i++) {
		const struct binfmt_entry *e = &in->live->items[i].entry;
		const char *cpu;
		if (!(e->flags & ENTRY_FLAG_OPEN_BINARY) || !e->enabled ||
		    launcher_target(e->interpreter, &cpu))
			continue;
		int k = snprintf(with_o + used, sizeof(with_o) - used, "%s%s", used ? ", " : "",
				 e->name);
		if (k > 0 && (size_t)k < sizeof(with_o) - used)
			used += (size_t)k;
	}
	if (used)
		step(r, "entry", true, "entries registering qemu itself with O, which run it: %s",
		     with_o);
	else
		step(
		    r, "entry", false,
		    "no enabled entry here registers qemu itself with O: qemu could not open the file whichever entry matches (qbinfmt install --wiring native -O)");
}

void doctor_diagnose(const struct doctor_input *in, struct doctor_report *r)
{
	struct file_facts f;
	char described[512];

	memset(r, 0, sizeof(*r));
	memset(&f, 0, sizeof(f));
	r->verdict = DOCTOR_RUNS;

	int fd = file_open_regular(AT_FDCWD, in->file, true, false);
	long n = fd < 0 ? fd : file_read_prefix(fd, f.head, sizeof(f.head));
	if (fd >= 0)
		close(fd);
	if (n == -EACCES && access(in->file, X_OK) == 0) {
		execute_only(in, r);
		return;
	}
	if (n < 0) {
		r->verdict = DOCTOR_UNREADABLE;
		snprintf(r->summary, sizeof(r->summary), "cannot be read: %s",
			 n == -EINVAL ? "not a regular file" : strerror((int)-n));
		step(r, "file", false, "%s", r->summary);
		return;
	}
	f.len = (size_t)n;
	f.elf = f.len >= EI_NIDENT && memcmp(f.head, ELFMAG, SELFMAG) == 0;
	/* From the header as the kernel matches it: a file shorter than the
	 * ELF header is read zero-filled (f.head), so it still has a target
	 * when its e_machine is there. */
	if (f.elf) {
		f.target = target_for_header(f.head, sizeof(f.head));
		f.host = f.target && host_native(host_here(), f.target);
	}

	/* 1. binfmt_misc. */
	if (!in->mount_present)
		step(r, "binfmt_misc", false, "no binfmt_misc is mounted at %s: no entry is asked",
		     in->binfmt_dir);
	else if (in->live->switched_off)
		step(r, "binfmt_misc", false,
		     "%s at %s is switched off as a whole (echo 1 > %s/status)", in->instance,
		     in->binfmt_dir, in->binfmt_dir);
	else
		step(r, "binfmt_misc", true, "%s at %s: enabled, %zu entr%s", in->instance,
		     in->binfmt_dir, in->live->count, in->live->count == 1 ? "y" : "ies");
	bool asked = in->mount_present && !in->live->switched_off;
	/* A file of the mount that is no entry status file (one a newer kernel
	 * writes differently, say) may be the entry that matches. */
	const struct table_problem *unread = in->live->problem_count ? in->live->problems : NULL;
	char unread_where[PATH_MAX + 16] = "";
	if (unread) {
		snprintf(unread_where, sizeof(unread_where), unread->line ? "%s:%d" : "%s",
			 unread->source, unread->line);
		step(r, "binfmt_misc", false,
		     "%zu of its files could not be read as entries, the first %s: %s",
		     in->live->problem_count + in->live->problems_dropped, unread_where,
		     unread->message);
	}

	/* 2. The file. */
	describe_file(&f, described, sizeof(described));
	if (access(in->file, X_OK) < 0) {
		step(r, "file", false, "%s; not executable (chmod +x)", described);
		fails(r, "Permission denied", "it is not executable");
	} else {
		step(r, "file", true, "%s", described);
	}
	/* A target of the host's family: whether the kernel runs it itself
	 * was asked of the kernel (host_judge()). */
	const struct host_profile *host = host_here();
	if (f.target && target_in_family(f.target, host->family)) {
		struct host_verdict native;
		host_judge(host, f.target, &native);
		step(r, "kernel", native.native, "%s%s", native.why,
		     native.native ? "" : ": only an entry can run it");
	}

	/* 3. The entry the kernel picks. */
	size_t matches[8];
	size_t count = asked ? table_matches(in->live, f.head, f.len, in->file, matches, 8) : 0;
	if (count) {
		char pick[BINFMT_NAME_MAX + 64], others[1024] = "", named[BINFMT_NAME_MAX + 64];
		r->pick = &in->live->items[matches[0]];
		emulator_describe(&r->pick->entry, pick, sizeof(pick));
		for (size_t i = 1, used = 0; i < count && i < 8 && used < sizeof(others); i++) {
			int k = snprintf(others + used, sizeof(others) - used, "%s%s",
					 i > 1 ? ", " : "",
					 emulator_describe(&in->live->items[matches[i]].entry,
							   named, sizeof(named)));
			used += k > 0 ? (size_t)k : 0;
		}
		if (count > 1)
			step(
			    r, "entry", !f.host,
			    "%s matches, the newest of the %zu that do: the kernel asks the newest registration first, so it wins over %s%s",
			    pick, count, others,
			    f.host
				? "; it captures one of this machine's own programs, which binfmt_misc sees before the kernel's own ELF loader"
				: "");
		else
			step(
			    r, "entry", !f.host, "%s matches%s", pick,
			    f.host
				? ": it captures one of this machine's own programs, which binfmt_misc sees before the kernel's own ELF loader"
				: "");
		check_interpreter(in, r);
	} else if (!f.elf && !(f.len >= 2 && f.head[0] == '#' && f.head[1] == '!')) {
		/* No handler takes it: search_binary_handler()'s ENOEXEC. */
		step(r, "entry", false, "none matches, and the kernel runs only ELF and #! itself");
		fails(r, strerror(ENOEXEC),
		      "neither an ELF program nor a #! script, and no entry matches it");
	} else if (f.host || !f.elf) {
		step(r, "entry", true, "none matches: the kernel runs it itself");
		if (r->verdict == DOCTOR_RUNS)
			r->verdict = DOCTOR_NATIVE;
	} else if (!asked) {
		fails(r, "Exec format error", "%s is not there to run it",
		      in->mount_present ? "binfmt_misc (switched off)" : "binfmt_misc");
	} else {
		no_match(in, &f, r);
	}

	/* 4. Its own loader, inside whatever root it runs in. */
	if (r->pick || r->verdict == DOCTOR_NATIVE) {
		struct doctor_loader loader;
		doctor_loader_check(in->file, f.elf, f.target, r->pick != NULL, &loader);
		step(r, "loader", !loader.error, "%s", loader.detail);
		if (loader.error)
			fails(r, loader.error, "%s", loader.summary);
	}

	if (unread) {
		r->verdict = DOCTOR_UNREADABLE;
		snprintf(
		    r->summary, sizeof(r->summary),
		    "cannot tell: %.400s: %.400s (an entry it cannot read may be the one that matches)",
		    unread_where, unread->message);
	} else if (r->verdict == DOCTOR_RUNS)
		snprintf(r->summary, sizeof(r->summary), "would run, through %.255s (%.700s)",
			 r->pick->entry.name, r->pick->entry.interpreter);
	else if (r->verdict == DOCTOR_NATIVE)
		snprintf(r->summary, sizeof(r->summary), "would run: the kernel runs it itself");
}
