/* SPDX-License-Identifier: MIT */
#include "describe.h"

#include "elf-names.h"
#include "json.h"

#include <elf.h>
#include <errno.h>
#include <string.h>

const char *describe_class(const struct probe_header *h)
{
	return h->elf_class == ELFCLASS64 ? "64" : "32";
}

const char *describe_data(const struct probe_header *h)
{
	return h->elf_data == ELFDATA2MSB ? "msb" : "lsb";
}

static const char *named_or_number(const char *name, unsigned value, char *buf, size_t size)
{
	if (name)
		return name;
	snprintf(buf, size, "%u", value);
	return buf;
}

const char *describe_osabi(const struct probe_header *h, char *buf, size_t size)
{
	return named_or_number(elf_osabi_name(h->osabi), h->osabi, buf, size);
}

const char *describe_type(const struct probe_header *h, char *buf, size_t size)
{
	return named_or_number(elf_type_name(h->type), h->type, buf, size);
}

const char *describe_machine(const struct probe_header *h, char *buf, size_t size)
{
	return named_or_number(elf_machine_name(h->machine), h->machine, buf, size);
}

void describe_names(const struct table *t, const size_t *indices, size_t count, size_t first,
		    char *out, size_t size)
{
	size_t used = 0;

	snprintf(out, size, "-");
	for (size_t i = first; i < count; i++) {
		int n = snprintf(out + used, size - used, "%s%s", i > first ? "," : "",
				 t->items[indices[i]].entry.name);
		if (n < 0 || (size_t)n >= size - used) {
			/* Cut: say so rather than print half a name. */
			if (size > 4)
				memcpy(out + size - 4, "...", 4);
			return;
		}
		used += (size_t)n;
	}
}

static void json_name(FILE *out, const char *key, const char *name)
{
	fprintf(out, ",\"%s\":", key);
	if (name)
		json_string(out, name);
	else
		fprintf(out, "null");
}

void describe_json_elf(FILE *out, const struct probe_header *h)
{
	fprintf(out, "{\"class\":%s,\"data\":\"%s\",\"osabi\":%u", describe_class(h),
		describe_data(h), h->osabi);
	json_name(out, "osabi_name", elf_osabi_name(h->osabi));
	fprintf(out, ",\"abi_version\":%u,\"type\":%u", h->abi_version, h->type);
	json_name(out, "type_name", elf_type_name(h->type));
	fprintf(out, ",\"machine\":%u", h->machine);
	json_name(out, "machine_name", elf_machine_name(h->machine));
	fprintf(out, ",\"version\":%u,\"flags\":%u}", h->version, h->flags);
}

void describe_json_entries(FILE *out, const struct table *t, const size_t *indices, size_t count)
{
	fputc('[', out);
	for (size_t i = 0; i < count; i++) {
		const struct table_entry *e = &t->items[indices[i]];
		fprintf(out, "%s{\"name\":", i ? "," : "");
		json_string(out, e->entry.name);
		fprintf(out, ",\"target\":");
		if (e->target)
			json_string(out, e->target->name);
		else
			fprintf(out, "null");
		fprintf(out, ",\"source\":");
		json_string(out, e->source);
		fprintf(out, ",\"line\":%d}", e->line);
	}
	fputc(']', out);
}

const char *describe_error(int error)
{
	switch (error) {
	case EISDIR:
		return "is a folder";
	case EINVAL:
		return "not a regular file";
	default:
		return strerror(error);
	}
}
