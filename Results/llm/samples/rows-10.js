cwmSamples.rows(10,[["pfsa/S3/swap/one/h0.25/c2/T16/k4/0",4,4,1,1,0,0,0,0],["pfsa/S3/swap/one/h0.25/c2/T16/k4/1",4,2,2,1,1,0,3,1],["pfsa/S3/swap/one/h0.25/c2/T16/k4/2",4,3,0,0,1,1,1,0]]);
