/* SPDX-License-Identifier: MIT */
/*
 * elfprobe verify PATH...: every ELF file under the paths must be picked
 * by exactly one entry, the one for its own target (or by none, for files
 * no target runs and, with --host, for the host's own family).
 */
#include "columns.h"
#include "describe.h"
#include "json.h"
#include "options.h"
#include "report.h"
#include "verdict.h"
#include "walk.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

struct counts {
	size_t elf, ok, unmatched, wrong, ambiguous;
	size_t not_elf, not_executable, corrupt, unreadable;
};

struct verify {
	const struct options *opts;
	const struct host *host;
	const struct table *table;
	size_t want; /* bytes to read: as far as any entry looks, at least 64 */
	struct counts counts;
	struct columns rows;
	struct json json;
};

static void report(struct verify *v, const char *path, const struct verdict_detail *d)
{
	const struct table *t = v->table;
	size_t shown = d->match_count < VERDICT_MAX_MATCHES ? d->match_count : VERDICT_MAX_MATCHES;

	if (v->opts->json) {
		struct json *j = &v->json;
		const struct target *pick_target =
		    d->match_count ? t->items[d->matches[0]].target : NULL;
		json_object_open(j);
		json_field_string(j, "file", path);
		json_field_string(j, "status", verdict_name(d->verdict));
		json_field_string(j, "expected", d->expected ? d->expected->name : NULL);
		json_field_string(j, "pick",
				  d->match_count ? t->items[d->matches[0]].entry.name : NULL);
		json_field_string(j, "pick_target", pick_target ? pick_target->name : NULL);
		json_key(j, "matches");
		describe_json_entries(j, t, d->matches, shown);
		json_object_close(j);
		return;
	}
	char others[256];
	describe_names(t, d->matches, shown, 1, others, sizeof(others));
	const char *row[] = {
	    verdict_name(d->verdict),
	    d->expected ? d->expected->name : "none",
	    d->match_count ? t->items[d->matches[0]].entry.name : "none",
	    path,
	    others,
	};
	if (!columns_add(&v->rows, row))
		die(EXIT_FAILURE_FOUND, "out of memory");
}

static void check_file(void *ctx, int dirfd, const char *name, const char *path, bool known_regular)
{
	struct verify *v = ctx;
	struct probe_header h;
	struct verdict_detail d;
	int r = probe_file(dirfd, name, v->want, known_regular ? PROBE_KNOWN_REGULAR : PROBE_FOLLOW,
			   &h);

	if (r < 0) {
		warn("%s: %s", path, describe_error(-r));
		v->counts.unreadable++;
		return;
	}
	switch (h.kind) {
	case PROBE_NOT_ELF:
		v->counts.not_elf++;
		return;
	case PROBE_CORRUPT:
		warn("%s: %s", path, h.problem);
		v->counts.corrupt++;
		return;
	case PROBE_ELF:
		break;
	}
	/* Objects and core dumps are never executed. */
	if (h.type != ET_EXEC && h.type != ET_DYN) {
		v->counts.not_executable++;
		return;
	}
	v->counts.elf++;
	verdict_decide(v->table, &h, path, verdict_expected(&h, v->host, v->opts->host_native), &d);
	switch (d.verdict) {
	case VERDICT_OK:
		v->counts.ok++;
		if (v->opts->verbose)
			report(v, path, &d);
		return;
	case VERDICT_UNMATCHED:
		v->counts.unmatched++;
		break;
	case VERDICT_WRONG:
		v->counts.wrong++;
		break;
	case VERDICT_AMBIGUOUS:
		v->counts.ambiguous++;
		break;
	}
	report(v, path, &d);
}

static void walk_error(void *ctx, const char *path, int error, const char *what)
{
	struct verify *v = ctx;

	warn("%s: %s: %s", path, what, describe_error(error));
	v->counts.unreadable++;
}

/* How far into a file any entry looks. */
static size_t bytes_needed(const struct table *t)
{
	size_t want = 64;

	for (size_t i = 0; i < t->count; i++) {
		const struct binfmt_entry *e = &t->items[i].entry;
		if (e->type == ENTRY_MAGIC && (size_t)e->offset + e->size > want)
			want = (size_t)e->offset + e->size;
	}
	return want;
}

static void print_summary(struct verify *v, const struct walk_stats *w)
{
	const struct counts *c = &v->counts;

	if (v->opts->json) {
		const struct {
			const char *key;
			size_t value;
		} fields[] = {
		    {"elf", c->elf},
		    {"ok", c->ok},
		    {"unmatched", c->unmatched},
		    {"wrong", c->wrong},
		    {"ambiguous", c->ambiguous},
		    {"not_elf", c->not_elf},
		    {"not_executable", c->not_executable},
		    {"corrupt", c->corrupt},
		    {"unreadable", c->unreadable},
		    {"symlinks", w->symlinks},
		    {"special", w->special},
		    {"loops", w->loops},
		};
		json_array_close(&v->json);
		json_key(&v->json, "summary");
		json_object_open(&v->json);
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			json_field_int(&v->json, fields[i].key, (long long)fields[i].value);
		json_object_close(&v->json);
		json_object_close(&v->json);
		json_finish(&v->json);
		return;
	}
	printf(
	    "%zu ELF executables: %zu ok, %zu unmatched, %zu wrong, %zu ambiguous; skipped: %zu not ELF, %zu not executable, %zu corrupt, %zu unreadable, %zu symlinks, %zu special, %zu loops\n",
	    c->elf, c->ok, c->unmatched, c->wrong, c->ambiguous, c->not_elf, c->not_executable,
	    c->corrupt, c->unreadable, w->symlinks, w->special, w->loops);
}

int do_verify(const struct options *opts, const struct host *host, int argc, char **argv)
{
	static const char *const header[] = {"STATUS", "EXPECTED", "PICK", "FILE", "ALSO-MATCHED"};
	static const struct walk_ops ops = {check_file, walk_error};
	struct walk_stats stats;
	struct verify v;
	struct table t;

	if (argc < 1)
		die(EXIT_USAGE, "verify: no PATH given (try 'elfprobe verify --help')");
	if (opts->host_native && !host->family)
		die(EXIT_INPUT, "--host: cannot tell the host's family from %s or uname",
		    host->source);
	tables_open(opts, host, &t, true);

	memset(&v, 0, sizeof(v));
	memset(&stats, 0, sizeof(stats));
	v.opts = opts;
	v.host = host;
	v.table = &t;
	v.want = bytes_needed(&t);
	columns_init(&v.rows, sizeof(header) / sizeof(header[0]));
	if (!columns_add(&v.rows, header))
		die(EXIT_FAILURE_FOUND, "out of memory");
	if (opts->json) {
		json_start(&v.json, stdout);
		json_object_open(&v.json);
		json_key(&v.json, "files");
		json_array_open(&v.json);
	}

	for (int i = 0; i < argc; i++)
		walk(argv[i], &ops, &v, &stats);

	if (!opts->json && v.rows.rows > 1)
		columns_print(&v.rows, stdout);
	print_summary(&v, &stats);
	columns_free(&v.rows);

	const struct counts *c = &v.counts;
	bool findings = c->unmatched || c->wrong || c->ambiguous;
	bool bad_input = c->corrupt || c->unreadable || t.problem_count;
	table_free(&t);
	return findings ? EXIT_FAILURE_FOUND : bad_input ? EXIT_INPUT : EXIT_OK;
}
