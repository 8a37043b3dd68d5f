/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: a live binfmt_misc folder (table_load(TABLE_LIVE)),
 * written as real files into a private temporary folder.  The input is
 * records split by NUL bytes: the global status file first, then
 * "NAME\nCONTENT" for each entry file (at most 16).  Whatever loads must
 * be an entry whose status file could be read back.
 */
#include "table.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char folder[] = "/tmp/fuzz-table-live.XXXXXX";

static bool write_file(const char *name, const uint8_t *text, size_t len)
{
	char path[sizeof(folder) + BINFMT_NAME_MAX + 2];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", folder, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	bool ok = write(fd, text, len) == (ssize_t)len;
	close(fd);
	return ok;
}

static bool usable_name(const char *name)
{
	return name[0] && strcmp(name, ".") && strcmp(name, "..") && strcmp(name, "register") &&
	       !strchr(name, '/');
}

static void remove_folder(void)
{
	char path[sizeof(folder) + 16];

	snprintf(path, sizeof(path), "%s/register", folder);
	unlink(path);
	snprintf(path, sizeof(path), "%s/status", folder);
	unlink(path);
	rmdir(folder);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	char names[16][BINFMT_NAME_MAX + 1];
	size_t count = 0;
	struct table t;

	if (!ready) {
		if (!mkdtemp(folder) || !write_file("register", (const uint8_t *)"", 0))
			abort();
		atexit(remove_folder);
		ready = true;
	}
	const uint8_t *end = data + size, *record = data;
	for (int n = 0; record <= end && count < 16; n++) {
		const uint8_t *stop = memchr(record, '\0', (size_t)(end - record));
		if (!stop)
			stop = end;
		if (n == 0) {
			if (!write_file("status", record, (size_t)(stop - record)))
				abort();
		} else {
			const uint8_t *nl = memchr(record, '\n', (size_t)(stop - record));
			size_t name_len = nl ? (size_t)(nl - record) : (size_t)(stop - record);
			if (name_len <= BINFMT_NAME_MAX) {
				memcpy(names[count], record, name_len);
				names[count][name_len] = '\0';
				if (usable_name(names[count]) && strlen(names[count]) == name_len &&
				    write_file(names[count], nl ? nl + 1 : stop,
					       nl ? (size_t)(stop - nl - 1) : 0))
					count++;
			}
		}
		record = stop + 1;
	}

	table_init(&t);
	if (table_load(&t, folder, TABLE_LIVE) != 0)
		abort();
	if (t.count > count)
		abort();
	for (size_t i = 0; i < t.count; i++)
		if (t.items[i].entry.type == ENTRY_MAGIC &&
		    (t.items[i].entry.size == 0 ||
		     (size_t)t.items[i].entry.offset + t.items[i].entry.size > BINFMT_HEADER_SIZE))
			abort();
	table_free(&t);

	for (size_t i = 0; i < count; i++) {
		char path[sizeof(folder) + BINFMT_NAME_MAX + 2];
		snprintf(path, sizeof(path), "%s/%s", folder, names[i]);
		unlink(path);
	}
	return 0;
}
