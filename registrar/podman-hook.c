/* SPDX-License-Identifier: MIT */
#include "host-elf.h"
#include "podman-hook.h"

#include "binfmt-dir.h"
#include "elf-linking.h"
#include "elf-samples.h"
#include "install.h"
#include "files.h"
#include "podman-files.h"
#include "quote.h"
#include "registrar.h"
#include "select.h"
#include "target-entry.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

__attribute__((format(printf, 3, 4))) static int refuse(char *why, size_t size, const char *fmt,
							...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -1;
}

static int interpreter_usable(const struct binfmt_entry *e, const struct target *t, char *why,
			      size_t size)
{
	struct stat st;

	if (e->interpreter[0] != '/')
		return refuse(why, size, "its interpreter %s is not an absolute path",
			      e->interpreter);
	if (stat(e->interpreter, &st) < 0 && errno == ENOENT)
		return refuse(
		    why, size,
		    "its interpreter %s is missing (moved, or removed by an upgrade: qbinfmt podman install %s records the one there is now)",
		    e->interpreter, t->name);
	if (stat(e->interpreter, &st) < 0)
		return refuse(why, size, "its interpreter %s cannot be examined: %s",
			      e->interpreter, strerror(errno));
	if (!S_ISREG(st.st_mode) || access(e->interpreter, X_OK) < 0)
		return refuse(why, size, "its interpreter %s is not an executable file",
			      e->interpreter);
	if (elf_linking_of_path(e->interpreter) != ELF_LINKING_STATIC)
		return refuse(
		    why, size,
		    "its interpreter %s is not statically linked, so it cannot run inside containers",
		    e->interpreter);
	return 0;
}

int podman_hook_admits(const struct binfmt_entry *e, const char *forced_family,
		       const struct host_elf *host, char *why, size_t size)
{
	unsigned char magic[BINFMT_HEADER_SIZE], mask[BINFMT_HEADER_SIZE];

	if (!registrar_owns(e->name))
		return refuse(why, size,
			      "not qbinfmt's: only %sTARGET entries are registered again",
			      TARGET_ENTRY_PREFIX);
	/* Its target by name, as install names it (no alias). */
	const char *target_name = e->name + strlen(TARGET_ENTRY_PREFIX);
	const struct target *t = target_lookup(target_name);
	if (!t || strcmp(t->name, target_name) != 0)
		return refuse(why, size, "names no target qbinfmt knows");
	size_t len = target_magic(t, magic, mask);
	if (e->type != ENTRY_MAGIC || e->offset != 0 || e->size != len || !e->has_mask ||
	    memcmp(e->magic, magic, len) != 0 || memcmp(e->mask, mask, len) != 0)
		return refuse(why, size, "its magic or mask is not qbinfmt's for %s (edited?)",
			      t->name);
	if (!(e->flags & ENTRY_FLAG_FIX_BINARY))
		return refuse(why, size,
			      "it lacks F, without which containers cannot reach its interpreter");
	if (e->flags & ENTRY_FLAG_CREDENTIALS)
		return refuse(
		    why, size,
		    "its C flag needs the launcher, which cannot reach qemu inside containers");
	if (host_elf_captured_by(host, e))
		return refuse(
		    why, size,
		    "it would capture this machine's own programs, and no native program would run in podman's namespace");
	struct host_verdict native;
	host_judge(host_here(), t, &native);
	if (native.native && !(forced_family && !strcmp(forced_family, t->family)))
		return refuse(
		    why, size,
		    "%s runs natively here (%s); qbinfmt podman install --force %s registers it all the same",
		    t->name, native.why, t->name);
	return interpreter_usable(e, t, why, size);
}

/* Does one of ours run what e runs? */
static bool stood_in_for(const struct binfmt_entry *e, const struct table *ours)
{
	const struct target *runs[8];
	size_t n = targets_matched_by(e, runs, 8);

	for (size_t i = 0; i < ours->count; i++)
		if (!strcmp(ours->items[i].entry.name, e->name))
			return true;
	if (n == 0 || n > 8)
		return false;
	for (size_t k = 0; k < n; k++) {
		bool covered = false;
		for (size_t i = 0; i < ours->count && !covered; i++) {
			const struct target *mine[8];
			size_t m = targets_matched_by(&ours->items[i].entry, mine, 8);
			for (size_t j = 0; j < m && j < 8; j++)
				covered |= mine[j] == runs[k];
		}
		if (!covered)
			return false;
	}
	return true;
}

bool podman_parent_entries(const char *dir, dev_t outer, struct table *parent)
{
	table_init(parent);
	if (binfmt_dir_shows_own(dir, outer))
		return false;
	if (binfmt_dir_device(dir) && binfmt_dir_load(dir, parent) < 0)
		table_init(parent);
	return true;
}

bool podman_hidden_note(const struct table *parent, const struct table *ours, char *note,
			size_t size)
{
	char names[768] = "";
	size_t hidden = 0, used = 0;

	for (size_t i = 0; i < parent->count; i++) {
		const struct binfmt_entry *e = &parent->items[i].entry;
		if (!e->enabled || stood_in_for(e, ours))
			continue;
		int n = snprintf(names + used, sizeof(names) - used, "%s%s", hidden ? ", " : "",
				 e->name);
		if (n > 0 && (size_t)n < sizeof(names) - used)
			used += (size_t)n;
		hidden++;
	}
	if (hidden)
		snprintf(
		    note, size,
		    "podman's namespace has a binfmt_misc of its own now: the host's entries %s no longer apply in its containers (qbinfmt podman install registers their targets there)",
		    names);
	return hidden > 0;
}

__attribute__((format(printf, 2, 3))) static void say(struct podman_hook_report *r, const char *fmt,
						      ...)
{
	va_list ap;

	if (r->count == sizeof(r->lines) / sizeof(r->lines[0])) {
		r->dropped++;
		return;
	}
	char line[sizeof(r->lines[0])];
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* One problem, one line of RECORD.problems, whatever a name holds. */
	quote_terminal(r->lines[r->count++], sizeof(r->lines[0]), line);
}

/* RECORD.problems: these lines in place of the last ones, none: no file. */
static void write_problems(const char *record, const struct podman_hook_report *r)
{
	char dir[PATH_MAX], name[PATH_MAX], *text = NULL;
	size_t size;
	const char *slash = strrchr(record, '/');

	if (!slash || snprintf(dir, sizeof(dir), "%.*s", (int)(slash - record), record) < 0 ||
	    snprintf(name, sizeof(name), "%s.problems", slash + 1) >= (int)sizeof(name))
		return;
	if (r->count == 0) {
		char path[PATH_MAX + 16];
		snprintf(path, sizeof(path), "%s.problems", record);
		unlink(path);
		return;
	}
	FILE *out = open_memstream(&text, &size);
	if (!out)
		return;
	for (size_t i = 0; i < r->count; i++)
		fprintf(out, "%s\n", r->lines[i]);
	if (r->dropped)
		fprintf(out, "and %zu more\n", r->dropped);
	if (fclose(out) == 0)
		(void)file_write_atomic(dir, name, text);
	free(text);
}

/* Entries of `record` missing from dir that may go in, into admitted. */
static void choose(const char *dir, bool own, const struct podman_record *record,
		   struct table *admitted, struct podman_hook_report *report)
{
	struct host_elf host;
	int host_read = 1; /* not yet */

	for (size_t i = 0; i < record->entries.count; i++) {
		const struct binfmt_entry *e = &record->entries.items[i].entry;
		struct binfmt_entry now;
		char why[1024];
		if (own && binfmt_dir_read(dir, e->name, &now) == 0 && entry_same_rule(&now, e))
			continue;
		/* Without this machine's own header no entry can be shown
		 * harmless: none goes in. */
		if (host_read == 1 && (host_read = host_elf_read(&host)) < 0) {
			say(report,
			    "cannot read this qbinfmt's own header to judge the entries by: %s",
			    strerror(-host_read));
			return;
		}
		if (podman_hook_admits(e, podman_record_forced(record, e->name), &host, why,
				       sizeof(why)) < 0)
			say(report, "%s: not registered: %s", e->name, why);
		else
			table_add(admitted, e, record->entries.items[i].source,
				  record->entries.items[i].line);
	}
}

/* Make dir show this namespace's own instance, saying which entries of
 * the one it showed (parent) stop applying. */
static int mount_own(const char *dir, const struct table *parent, const struct table *admitted,
		     struct podman_hook_report *report)
{
	char note[1024];
	int r = binfmt_dir_mount_own(dir);

	if (r < 0)
		say(report, "cannot mount podman's own binfmt_misc: %s", strerror(-r));
	else if (podman_hidden_note(parent, admitted, note, sizeof(note)))
		say(report, "%s", note);
	return r;
}

void podman_hook_run(const char *dir, const char *record_path, struct podman_hook_report *report)
{
	struct podman_record record;
	struct table admitted, parent;
	struct failure f;
	/* Hooks run together when containers start together: what each
	 * says of the parent is what it saw before any of them mounted. */
	bool own = !podman_parent_entries(dir, 0, &parent), rewrite = !own;

	memset(report, 0, sizeof(*report));
	if (podman_record_read(record_path, false, &record, &f) < 0) {
		say(report, "%s", f.why);
		write_problems(record_path, report);
		table_free(&parent);
		return;
	}
	table_init(&admitted);
	for (size_t i = 0; i < record.entries.problem_count; i++)
		say(report, "%s:%d: %s", record.entries.problems[i].source,
		    record.entries.problems[i].line, record.entries.problems[i].message);
	choose(dir, own, &record, &admitted, report);
	if (admitted.count && !own && mount_own(dir, &parent, &admitted, report) < 0)
		admitted.count = 0;
	/* Containers start together: one hook registers, the others then
	 * find the entries there. */
	if (admitted.count)
		(void)binfmt_dir_lock(dir);
	for (size_t i = 0; i < admitted.count; i++) {
		const struct binfmt_entry *e = &admitted.items[i].entry;
		struct binfmt_entry now;
		struct install_report result;
		if (binfmt_dir_read(dir, e->name, &now) == 0 && entry_same_rule(&now, e))
			continue;
		rewrite = true;
		install_entry(dir, e, &result);
		if (result.outcome >= INSTALL_FAILED) {
			char detail[256];
			install_describe(&result, detail, sizeof(detail));
			say(report, "%s: %s", e->name, detail);
		}
	}
	/* An instance that had all it could get keeps the last run's word:
	 * what stopped applying when it was made is still true. */
	if (rewrite && (record.entries.count || record.entries.problem_count))
		write_problems(record_path, report);
	table_free(&admitted);
	table_free(&parent);
	podman_record_free(&record);
}
