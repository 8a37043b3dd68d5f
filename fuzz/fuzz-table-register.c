/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: a register-string / binfmt.d file (table_parse_register())
 * on arbitrary bytes, then everything elfprobe does with a table: match,
 * lint.  Every entry loaded must format and parse back the same; every
 * problem must name a line of the input. */
#include "lint.h"
#include "elf-samples.h"
#include "table.h"

#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fixed host, so runs are reproducible: an x86_64 executable. */
static void fake_host(struct host *host)
{
	memset(host, 0, sizeof(*host));
	host->target = target_lookup("x86_64");
	host->family = host->target->family;
	host->exe.kind = PROBE_ELF;
	host->exe.elf_class = ELFCLASS64;
	host->exe.elf_data = ELFDATA2LSB;
	host->exe.machine = EM_X86_64;
	struct elf_sample usual = elf_sample_usual(host->target, ET_DYN, ELFOSABI_SYSV);
	host->exe.head_len = elf_sample_header(host->target, &usual, host->exe.head);
	host_elsewhere(host->target, &host->profile);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct host host;
	static struct binfmt_entry back;
	struct table t;
	struct lint_report report;
	size_t lines = 1;
	char text[BINFMT_REGISTER_MAX + 1];

	if (!host.target)
		fake_host(&host);
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';

	table_init(&t);
	table_parse_register(&t, "fuzz", (const char *)data, size);
	for (size_t i = 0; i < t.problem_count; i++)
		if (t.problems[i].line < 1 || (size_t)t.problems[i].line > lines)
			abort();
	for (size_t i = 0; i < t.count; i++) {
		const struct table_entry *te = &t.items[i];
		if (te->line < 1 || (size_t)te->line > lines)
			abort();
		int len = entry_format(&te->entry, text, sizeof(text));
		if (len < 0)
			continue;
		if (entry_parse(text, (size_t)len, &back, NULL, NULL) != 0 ||
		    !entry_same_rule(&te->entry, &back))
			abort();
	}
	for (size_t k = 0; k < target_count; k++) {
		unsigned char head[BINFMT_HEADER_SIZE];
		size_t matches[4];
		struct elf_sample usual = elf_sample_usual(&targets[k], ET_EXEC, ELFOSABI_SYSV);
		size_t len = elf_sample_header(&targets[k], &usual, head);
		size_t found = table_matches(&t, head, len, "a.b", matches, 4);
		for (size_t j = 0; j < found && j < 4; j++)
			if (matches[j] >= t.count || (j && matches[j] >= matches[j - 1]))
				abort();
	}
	/* lint is quadratic in entries: keep runs fast, tables small. */
	if (t.count <= 48) {
		lint_table(&t, &host, &report);
		for (size_t i = 0; i < report.count; i++)
			if (!memchr(report.items[i].message, '\0', sizeof(report.items[i].message)))
				abort();
		lint_report_free(&report);
	}
	table_free(&t);
	return 0;
}
