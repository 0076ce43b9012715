package io.tandem.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/**
 * A recording chunk's key, frame count and whether it holds something to replay, so queries can ask whether a session has a recording. Chunks themselves are read and
 * written by {@link RecordingStore} through the reactive client; this mapping never loads their content.
 */
@Entity
@Table(name = "recording_chunk")
@IdClass(RecordedChunk.Key.class)
public class RecordedChunk {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    public int seq;

    /** Frames in the chunk: an ended session without any traffic still gets an empty final chunk. */
    public int frames;

    /** The chunk holds a page's snapshot or a document's opening: something to replay. */
    public boolean replayable;

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID sessionId;
        public int seq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && java.util.Objects.equals(k.sessionId, sessionId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(sessionId, seq);
        }
    }
}
