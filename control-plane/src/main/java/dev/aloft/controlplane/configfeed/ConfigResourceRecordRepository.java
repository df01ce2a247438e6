package dev.aloft.controlplane.configfeed;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface ConfigResourceRecordRepository extends JpaRepository<ConfigResourceRecord, String> {

	List<ConfigResourceRecord> findByPayloadIsNotNull();

	List<ConfigResourceRecord> findByRevisionGreaterThanAndRevisionLessThanEqualOrderByRevision(long after, long upTo,
			Limit limit);

}
