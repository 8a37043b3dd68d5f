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

void describe_json_elf(struct json *j, const struct probe_header *h)
{
	json_object_open(j);
	json_field_int(j, "class", h->elf_class == ELFCLASS64 ? 64 : 32);
	json_field_string(j, "data", describe_data(h));
	json_field_int(j, "osabi", h->osabi);
	json_field_string(j, "osabi_name", elf_osabi_name(h->osabi));
	json_field_int(j, "abi_version", h->abi_version);
	json_field_int(j, "type", h->type);
	json_field_string(j, "type_name", elf_type_name(h->type));
	json_field_int(j, "machine", h->machine);
	json_field_string(j, "machine_name", elf_machine_name(h->machine));
	json_field_int(j, "version", h->version);
	json_field_int(j, "flags", h->flags);
	json_object_close(j);
}

void describe_json_entries(struct json *j, const struct table *t, const size_t *indices,
			   size_t count)
{
	json_array_open(j);
	for (size_t i = 0; i < count; i++) {
		const struct table_entry *e = &t->items[indices[i]];
		json_object_open(j);
		json_field_string(j, "name", e->entry.name);
		json_field_string(j, "target", e->target ? e->target->name : NULL);
		json_field_string(j, "source", e->source);
		json_field_int(j, "line", e->line);
		json_object_close(j);
	}
	json_array_close(j);
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
