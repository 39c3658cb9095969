/* Spike indices and times in arrays that double when full, like a monitor's recording: shared by the
 * C reference programs. */
#ifndef SPIKE_RECORD_H
#define SPIKE_RECORD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    int32_t *index;
    double *time;
    size_t length, capacity;
} SpikeRecord;

static void record_spike(SpikeRecord *record, int32_t index, double time) {
    if (record->length == record->capacity) {
        record->capacity = record->capacity ? 2 * record->capacity : 1024;
        record->index = realloc(record->index, record->capacity * sizeof *record->index);
        record->time = realloc(record->time, record->capacity * sizeof *record->time);
        if (!record->index || !record->time) {
            fprintf(stderr, "out of memory recording spikes\n");
            exit(1);
        }
    }
    record->index[record->length] = index;
    record->time[record->length] = time;
    record->length++;
}

#endif
