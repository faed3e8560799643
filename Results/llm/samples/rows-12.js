cwmSamples.rows(12,[["programs/all/T16/k8/bank_account/0",5,5,0,0,1,1,0,0],["programs/all/T16/k8/bank_transfers/1",14,14,0,0,5,5,0,0],["programs/all/T16/k8/binary_search/2",14,11,0,0,3,3,2,2]]);
