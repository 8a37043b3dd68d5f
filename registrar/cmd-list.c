/* SPDX-License-Identifier: MIT */
/* qbinfmt list: the target table, and which emulators this machine has. */
#include "commands.h"
#include "host-elf.h"
#include "json.h"
#include "launcher-name.h"
#include "qemu-find.h"
#include "report.h"
#include "target-entry.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

enum { LIST_NAMES = CLI_KEY_BASE, LIST_LAUNCHER_NAMES, LIST_HOST };

static const struct cli_option list_options[] = {
    {"names", LIST_NAMES, NULL, "one target name per line, for scripts", false, NULL},
    {"launcher-names", LIST_LAUNCHER_NAMES, NULL,
     "the launcher's names make install makes: per target, and per CPU model the table knows",
     false, NULL},
    {"host", LIST_HOST, "ARCH",
     "the HOST column for another machine: ARCH[,+TARGET|,-TARGET]... (which of its family it runs natively)",
     false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

/* The HOST column: how the host runs the target's programs. */
static const char *host_word(const struct host_verdict *v)
{
	switch (v->basis) {
	case HOST_OTHER_FAMILY:
		return "-";
	case HOST_OWN:
		return "own";
	case HOST_TRIED:
		return v->native ? "native" : "refused";
	case HOST_SAID:
	case HOST_NEVER:
		return v->native ? "native" : "no";
	case HOST_UNTRIED:
	case HOST_ASSUMED:
		return v->native ? "native?" : "no?";
	}
	return "?";
}

static const char *host_basis_name(enum host_basis basis)
{
	switch (basis) {
	case HOST_OTHER_FAMILY:
		return "other-family";
	case HOST_OWN:
		return "own";
	case HOST_TRIED:
		return "tried";
	case HOST_UNTRIED:
		return "untried";
	case HOST_SAID:
		return "said";
	case HOST_ASSUMED:
		return "assumed";
	case HOST_NEVER:
		return "never";
	}
	return "?";
}

static const char *qemu_state(const struct qemu_found *q)
{
	if (q->static_path[0] && q->dynamic_path[0])
		return "static+dynamic";
	if (q->static_path[0])
		return "static";
	if (q->dynamic_path[0])
		return "dynamic";
	return "none";
}

static void print_json_row(struct json *j, const struct target *t, const struct qemu_found *q,
			   const struct host_verdict *host)
{
	struct binfmt_entry e;
	char register_string[BINFMT_REGISTER_MAX + 1];

	target_entry(t, "/INTERPRETER", 0, &e);
	json_object_open(j);
	json_field_string(j, "name", t->name);
	json_field_string(j, "family", t->family);
	json_field_int(j, "class", t->elf_class == ELFCLASS64 ? 64 : 32);
	json_field_string(j, "data", t->elf_data == ELFDATA2MSB ? "msb" : "lsb");
	json_field_int(j, "machine", t->machine);
	json_key(j, "aliases");
	json_array_open(j);
	const char *aliases = t->aliases, *alias;
	size_t len;
	while (name_next(&aliases, &alias, &len))
		json_string_bytes(j, alias, len);
	json_array_close(j);
	json_field_bool(j, "host_family", host->basis != HOST_OTHER_FAMILY);
	json_field_bool(j, "host_native", host->native);
	json_field_string(j, "host", host_word(host));
	json_field_string(j, "host_basis", host_basis_name(host->basis));
	json_field_string(j, "host_why", host->why);
	json_field_string(j, "qemu_static", q->static_path[0] ? q->static_path : NULL);
	json_field_string(j, "qemu_dynamic", q->dynamic_path[0] ? q->dynamic_path : NULL);
	json_key(j, "cpu_models");
	json_array_open(j);
	for (const struct target_cpu *c = t->cpu; c && c->model; c++) {
		char range[32];
		json_object_open(j);
		snprintf(range, sizeof(range), "%d.%d", c->from / 100, c->from % 100);
		json_field_string(j, "qemu_from", range);
		snprintf(range, sizeof(range), "%d.%d", c->until / 100, c->until % 100);
		json_field_string(j, "qemu_before", range);
		json_field_string(j, "model", c->model);
		json_object_close(j);
	}
	json_array_close(j);
	json_field_string(j, "cpu_fast", t->cpu_fast);
	json_field_int(j, "offset", e.offset);
	json_key(j, "magic");
	json_hex(j, e.magic, e.size);
	json_key(j, "mask");
	json_hex(j, e.mask, e.size);
	if (entry_format(&e, register_string, sizeof(register_string)) > 0)
		json_field_string(j, "register", register_string);
	json_object_close(j);
}

enum list_mode { LIST_TABLE, LIST_TARGET_NAMES, LIST_LAUNCHERS };

struct list_args {
	enum list_mode mode;
	const char *host; /* --host, or NULL */
};

static int take(void *context, int key, const char *arg)
{
	struct list_args *args = context;

	if (key == LIST_NAMES)
		args->mode = LIST_TARGET_NAMES;
	else if (key == LIST_LAUNCHER_NAMES)
		args->mode = LIST_LAUNCHERS;
	else if (key == LIST_HOST)
		args->host = arg;
	else
		return cli_option_bug(key);
	return 0;
}

/* Under the table: the host, and each target of its family with why. */
static void print_host(const struct host_profile *host)
{
	char name[256];

	if (!host->family) {
		printf("\nHost: of no family of the table: every target is emulated.\n");
		return;
	}
	host_name(host, name, sizeof(name));
	if (host->here)
		printf(
		    "\nHost: %s, this machine; the targets of its family, asked of its kernel:\n",
		    name);
	else
		printf(
		    "\nHost: %s, another machine; the targets of its family, as said or assumed:\n",
		    name);
	for (size_t i = 0; i < target_count; i++) {
		struct host_verdict v;
		host_judge(host, &targets[i], &v);
		if (v.basis != HOST_OTHER_FAMILY)
			printf("  %-12s %-8s %s\n", targets[i].name, host_word(&v), v.why);
	}
}

/* One launcher name, unless an earlier model of the target had it. */
static void print_launcher_name(const struct target *t, const char *model)
{
	char name[BINFMT_NAME_MAX + 1];

	if (launcher_name(t->name, model, name, sizeof(name)))
		printf("%s\n", name);
}

static void print_launcher_names(void)
{
	for (size_t i = 0; i < target_count; i++) {
		const struct target *t = &targets[i];
		print_launcher_name(t, NULL);
		for (const struct target_cpu *c = t->cpu; c && c->model; c++) {
			bool again = false;
			for (const struct target_cpu *d = t->cpu; d < c; d++)
				again |= !strcmp(d->model, c->model);
			if (!again)
				print_launcher_name(t, c->model);
		}
		if (t->cpu_fast)
			print_launcher_name(t, t->cpu_fast);
	}
}

static int run(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct list_args args = {.mode = LIST_TABLE};
	struct host_profile named;
	const struct host_profile *host = host_here();
	enum list_mode mode;
	struct json j;
	char why[256];
	int first = cli_parse(&list_command, argc, argv, take, &args);

	if (first <= 0)
		return cli_exit_status(first);
	if (first < argc)
		die(EXIT_USAGE, "list: unexpected argument '%s' (try 'qbinfmt list --help')",
		    argv[first]);
	refuse_namespace_of(global, "list reads no binfmt_misc");
	mode = args.mode;
	if (args.host) {
		if (host_parse(args.host, &named, why, sizeof(why)) < 0)
			die(EXIT_USAGE, "list: --host %s: %s", args.host, why);
		host = &named;
	}
	if (mode == LIST_TARGET_NAMES) {
		for (size_t i = 0; i < target_count; i++)
			printf("%s\n", targets[i].name);
		return EXIT_OK;
	}
	if (mode == LIST_LAUNCHERS) {
		/* make install uses it. */
		print_launcher_names();
		return EXIT_OK;
	}
	if (global->json) {
		json_start(&j, stdout);
		json_array_open(&j);
	} else {
		printf("%-12s %-10s %-5s %-14s %-8s %s\n", "TARGET", "FAMILY", "ELF", "QEMU",
		       "HOST", "ALIASES");
	}
	for (size_t i = 0; i < target_count; i++) {
		const struct target *t = &targets[i];
		struct qemu_found q;
		struct host_verdict verdict;
		char elf[8];

		host_judge(host, t, &verdict);
		qemu_find(global->qemu_dirs, t->name, &q);
		if (global->json) {
			print_json_row(&j, t, &q, &verdict);
			continue;
		}
		snprintf(elf, sizeof(elf), "%d%s", t->elf_class == ELFCLASS64 ? 64 : 32,
			 t->elf_data == ELFDATA2MSB ? "msb" : "lsb");
		printf("%-12s %-10s %-5s %-14s %-8s %s\n", t->name, t->family, elf, qemu_state(&q),
		       host_word(&verdict), t->aliases);
	}
	if (global->json) {
		json_array_close(&j);
		json_finish(&j);
	} else {
		print_host(host);
	}
	return EXIT_OK;
}

const struct cli_command list_command = {
    .name = "list",
    .summary = "the qemu-user target table and the emulators installed",
    .description = "One row per qemu linux-user target: its ELF identity, its family, whether a\n"
		   "static or a dynamic qemu for it is installed, how the host runs its programs\n"
		   "(own, native: never emulated by default; refused or no: emulated as any other\n"
		   "target; -: another family), and its aliases.  Under the table, why, for each\n"
		   "target of the host's family: this machine's kernel is asked, by executing a\n"
		   "probe of each; another machine's (--host) is as said there or assumed.\n",
    .options = list_options,
    .example = "  qbinfmt list\n  qbinfmt --json list\n  qbinfmt list --host arm64,-arm\n",
    .run = run,
};
