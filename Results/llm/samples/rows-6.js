cwmSamples.rows(6,[["perm/S5/swap/one/T32/k4/0",8,5,0,0,0,0,1,0],["perm/S5/swap/one/T32/k4/1",8,8,0,0,0,0,1,1],["perm/S5/swap/one/T32/k4/2",8,4,0,0,3,1,1,0]]);
