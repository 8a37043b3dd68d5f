/* SPDX-License-Identifier: MIT */
/* elfprobe [probe] FILE...: each file's ELF header and the entry the
 * kernel would pick for it (all the entries that match, newest first). */
#include "describe.h"
#include "json.h"
#include "options.h"
#include "report.h"
#include "verdict.h"

#include "columns.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>

struct probed {
	const char *path;
	struct probe_header h;
	const struct target *target;
	size_t match_count;
	size_t matches[VERDICT_MAX_MATCHES];
};

static const char *kind_name(enum probe_kind kind)
{
	switch (kind) {
	case PROBE_ELF:
		return "elf";
	case PROBE_NOT_ELF:
		return "not-elf";
	case PROBE_CORRUPT:
		return "corrupt";
	}
	return "?";
}

static void add_row(struct columns *c, const struct table *t, const struct probed *p)
{
	char osabi[8], abi[8], type[8], machine[16], flags[16], others[256];
	const struct probe_header *h = &p->h;
	bool elf = h->kind == PROBE_ELF;
	size_t shown = p->match_count < VERDICT_MAX_MATCHES ? p->match_count : VERDICT_MAX_MATCHES;

	snprintf(abi, sizeof(abi), "%u", h->abi_version);
	snprintf(flags, sizeof(flags), "0x%x", h->flags);
	describe_names(t, p->matches, shown, 1, others, sizeof(others));
	const char *row[] = {
	    p->path,
	    kind_name(h->kind),
	    elf ? describe_class(h) : "-",
	    elf ? describe_data(h) : "-",
	    elf ? describe_osabi(h, osabi, sizeof(osabi)) : "-",
	    elf ? abi : "-",
	    elf ? describe_type(h, type, sizeof(type)) : "-",
	    elf ? describe_machine(h, machine, sizeof(machine)) : "-",
	    elf ? flags : "-",
	    p->target ? p->target->name : "-",
	    p->match_count ? t->items[p->matches[0]].entry.name : "none",
	    others,
	};
	if (!columns_add(c, row))
		die(EXIT_FAILURE_FOUND, "out of memory");
}

static void print_json(struct json *j, const struct table *t, const struct probed *p)
{
	const struct probe_header *h = &p->h;
	size_t shown = p->match_count < VERDICT_MAX_MATCHES ? p->match_count : VERDICT_MAX_MATCHES;

	json_object_open(j);
	json_field_string(j, "file", p->path);
	json_field_string(j, "kind", kind_name(h->kind));
	if (h->kind == PROBE_CORRUPT)
		json_field_string(j, "problem", h->problem);
	json_key(j, "head");
	json_hex(j, h->head, h->head_len);
	json_key(j, "elf");
	if (h->kind == PROBE_ELF)
		describe_json_elf(j, h);
	else
		json_null(j);
	json_field_string(j, "target", p->target ? p->target->name : NULL);
	json_field_string(j, "pick", p->match_count ? t->items[p->matches[0]].entry.name : NULL);
	json_key(j, "matches");
	describe_json_entries(j, t, p->matches, shown);
	json_object_close(j);
}

int do_probe(const struct options *opts, const struct host *host, int argc, char **argv)
{
	static const char *const header[] = {"FILE",  "KIND",	"CLASS", "DATA",
					     "OSABI", "ABIVER", "TYPE",	 "MACHINE",
					     "FLAGS", "TARGET", "PICK",	 "ALSO-MATCHED"};
	struct table t;
	struct columns c;
	int status = EXIT_OK;
	struct json j;

	if (argc < 1)
		die(EXIT_USAGE, "probe: no FILE given (try 'elfprobe probe --help')");
	tables_open(opts, host, &t, true);
	if (t.problem_count)
		status = EXIT_INPUT;
	columns_init(&c, sizeof(header) / sizeof(header[0]));
	if (!columns_add(&c, header))
		die(EXIT_FAILURE_FOUND, "out of memory");
	if (opts->json) {
		json_start(&j, stdout);
		json_array_open(&j);
	}

	for (int i = 0; i < argc; i++) {
		struct probed p;
		int r;

		memset(&p, 0, sizeof(p));
		p.path = argv[i];
		r = probe_file(AT_FDCWD, p.path, BINFMT_HEADER_SIZE, PROBE_FOLLOW, &p.h);
		if (r < 0) {
			warn("%s: %s", p.path, describe_error(-r));
			status = EXIT_INPUT;
			continue;
		}
		if (p.h.kind == PROBE_CORRUPT) {
			warn("%s: %s", p.path, p.h.problem);
			status = EXIT_INPUT;
		}
		if (p.h.kind == PROBE_ELF)
			p.target =
			    target_for_elf(p.h.elf_class, p.h.elf_data, p.h.machine, p.h.flags);
		/* The kernel matches raw bytes, ELF or not. */
		p.match_count = table_matches(&t, p.h.head, p.h.head_len, p.path, p.matches,
					      VERDICT_MAX_MATCHES);
		if (opts->json)
			print_json(&j, &t, &p);
		else
			add_row(&c, &t, &p);
	}
	if (opts->json) {
		json_array_close(&j);
		json_finish(&j);
	} else if (c.rows > 1)
		columns_print(&c, stdout);
	columns_free(&c);
	table_free(&t);
	return status;
}
